import { affine, affineBackward, type AffineGradients } from '../../tensor/affine.ts';
import { kernelMatrix, type DType, type Matrix } from '../../tensor/matrix.ts';
import type { Rng } from '../../tensor/rng.ts';
import { bufferCache } from '../buffers.ts';
import type { Initializer } from '../init.ts';
import type { Layer, Param } from '../layer.ts';

export interface DenseOptions {
  inputs: number;
  outputs: number;
  init: Initializer;
  rng: Rng;
  dtype?: DType;
  /** False for the first layer: nobody needs ∂L/∂input there, so it is not computed. */
  inputGradient?: boolean;
  /**
   * Apply ReLU to the output, fused into the product (then the activation layer that
   * follows is `appliedRelu`): y = max(0, x·W + b), and backward masks ∂L/∂y by y > 0.
   */
  relu?: boolean;
}

/**
 * The affine layer y = x·W + b (or max(0, x·W + b) with `relu`). Backward: ∂W = xᵀ·g,
 * ∂b = Σ_rows g, ∂x = g·Wᵀ, where g = dy (masked by y > 0 with `relu`).
 *
 * @example
 * const layer = dense({ inputs: 784, outputs: 100, init: heNormal(), rng: createRng(1) });
 */
export function dense(options: DenseOptions): Layer {
  const { inputs, outputs, init, rng, dtype = 'float32', inputGradient = true, relu = false } = options;
  const weight = kernelMatrix(inputs, outputs, dtype);
  init.fill(weight.data, inputs, outputs, rng);
  const bias = kernelMatrix(1, outputs, dtype);
  const params: Param[] = [
    { name: 'weight', value: weight, grad: kernelMatrix(inputs, outputs, dtype), penalised: true },
    { name: 'bias', value: bias, grad: kernelMatrix(1, outputs, dtype), penalised: false },
  ];
  const out = bufferCache(outputs, dtype);
  const dxBuffer = bufferCache(inputs, dtype);
  let input: Matrix | undefined;
  let output: Matrix | undefined;
  const biasRow = bias.data;
  // Made once: backward allocates nothing. The scratch takes the masked gradient where
  // the kernels cannot mask as they load.
  const grads: AffineGradients = { weight: params[0]!.grad, bias: params[1]!.grad.data, input: null, scratch: bufferCache(outputs, dtype) };
  return {
    kind: 'dense',
    params,
    forward(x) {
      input = x;
      output = out(x.rows);
      affine(x, weight, biasRow, output, relu);
      return output;
    },
    backward(dy) {
      if (!input || !output) throw new Error('dense: backward called before forward');
      grads.input = inputGradient ? dxBuffer(dy.rows) : null;
      affineBackward(input, weight, dy, relu ? output : null, grads);
      return grads.input ?? dxBuffer(0);
    },
  };
}
