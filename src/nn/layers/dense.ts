import { addRowVector, columnSums } from '../../tensor/elementwise.ts';
import { matmul, matmulTransA, matmulTransB } from '../../tensor/gemm.ts';
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
}

/**
 * The affine layer y = x·W + b. Backward: ∂W = xᵀ·dy, ∂b = Σ_rows dy, ∂x = dy·Wᵀ.
 *
 * @example
 * const layer = dense({ inputs: 784, outputs: 100, init: heNormal(), rng: createRng(1) });
 */
export function dense(options: DenseOptions): Layer {
  const { inputs, outputs, init, rng, dtype = 'float32', inputGradient = true } = options;
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
  const biasRow = bias.data;
  const biasGrad = params[1]!.grad.data;
  return {
    kind: 'dense',
    params,
    forward(x) {
      input = x;
      const y = out(x.rows);
      matmul(x, weight, y);
      addRowVector(y, biasRow);
      return y;
    },
    backward(dy) {
      if (!input) throw new Error('dense: backward called before forward');
      matmulTransA(input, dy, params[0]!.grad);
      columnSums(dy, biasGrad);
      if (!inputGradient) return dxBuffer(0);
      const dx = dxBuffer(dy.rows);
      matmulTransB(dy, weight, dx);
      return dx;
    },
  };
}
