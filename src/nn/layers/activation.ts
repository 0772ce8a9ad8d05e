import {
  reluBackward, reluForward, sigmoidBackward, sigmoidForward, tanhBackward, tanhForward,
} from '../../tensor/elementwise.ts';
import type { DType, Float, Matrix } from '../../tensor/matrix.ts';
import { bufferCache } from '../buffers.ts';
import type { Layer } from '../layer.ts';

export const activationNames = ['relu', 'sigmoid', 'tanh'] as const;
/** A hidden layer's activation: `relu`, `sigmoid` or `tanh`. */
export type ActivationName = (typeof activationNames)[number];

type Kernel = (a: Float, b: Float, out: Float, n: number) => void;

// ReLU's derivative needs the input; sigmoid's and tanh's are cheapest from the output.
const kernels: Record<ActivationName, { forward: (x: Float, out: Float, n: number) => void; backward: Kernel; fromOutput: boolean }> = {
  relu: { forward: reluForward, backward: reluBackward, fromOutput: false },
  sigmoid: { forward: sigmoidForward, backward: sigmoidBackward, fromOutput: true },
  tanh: { forward: tanhForward, backward: tanhBackward, fromOutput: true },
};

/**
 * An element-wise non-linearity.
 *
 * @example
 * const layer = activation('relu', 100);
 */
export function activation(name: ActivationName, features: number, dtype: DType = 'float32'): Layer {
  const { forward, backward, fromOutput } = kernels[name];
  const out = bufferCache(features, dtype);
  const dxBuffer = bufferCache(features, dtype);
  let input: Matrix | undefined;
  let output: Matrix | undefined;
  return {
    kind: name,
    params: [],
    forward(x) {
      const y = out(x.rows);
      forward(x.data, y.data, x.data.length);
      input = x;
      output = y;
      return y;
    },
    backward(dy) {
      if (!input || !output) throw new Error(`${name}: backward called before forward`);
      const dx = dxBuffer(dy.rows);
      backward(fromOutput ? output.data : input.data, dy.data, dx.data, dy.data.length);
      return dx;
    },
  };
}

/**
 * The ReLU after a dense layer that already applied it (`dense({ relu: true })`): forward
 * passes the rectified output through, backward passes ∂L/∂y back for the dense layer
 * to mask as it loads it. Kept as a layer of kind 'relu' so the model's layers read as
 * the network does.
 *
 * @example
 * layers.push(dense({ ...options, relu: true }), appliedRelu());
 */
export function appliedRelu(): Layer {
  return { kind: 'relu', params: [], forward: (x) => x, backward: (dy) => dy };
}
