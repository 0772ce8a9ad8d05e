import { matrix, type DType, type Matrix } from '../../tensor/matrix.ts';
import { batchNormBackward, batchNormInfer, batchNormTrain } from '../../tensor/normalize.ts';
import { bufferCache } from '../buffers.ts';
import type { Layer, Param } from '../layer.ts';

export interface BatchNormOptions {
  /** Weight of the old running average in each update (PyTorch calls 1 − this "momentum"). */
  decay?: number;
  epsilon?: number;
  dtype?: DType;
}

/**
 * Batch normalisation (Ioffe & Szegedy 2015) with learnable γ (starts at 1) and β (at 0).
 * Training uses the batch's statistics and updates running averages; inference uses those.
 *
 * @example
 * const layer = batchNorm(100);
 */
export function batchNorm(features: number, options: BatchNormOptions = {}): Layer {
  const { decay = 0.9, epsilon = 1e-5, dtype = 'float32' } = options;
  const gamma = matrix(1, features, dtype);
  gamma.data.fill(1);
  const beta = matrix(1, features, dtype);
  const params: Param[] = [
    { name: 'gamma', value: gamma, grad: matrix(1, features, dtype), penalised: false },
    { name: 'beta', value: beta, grad: matrix(1, features, dtype), penalised: false },
  ];
  const mean = new Float64Array(features);
  const variance = new Float64Array(features);
  const invStd = new Float64Array(features);
  const runningMean = new Float64Array(features);
  const runningVar = new Float64Array(features).fill(1);
  const xhatBuffer = bufferCache(features, dtype);
  const out = bufferCache(features, dtype);
  const dxBuffer = bufferCache(features, dtype);
  let xhat: Matrix | undefined;
  return {
    kind: 'batchnorm',
    params,
    buffers: [runningMean, runningVar],
    forward(x, mode) {
      const y = out(x.rows);
      if (mode === 'eval') {
        batchNormInfer(x, gamma.data, beta.data, runningMean, runningVar, epsilon, y.data);
        return y;
      }
      xhat = xhatBuffer(x.rows);
      batchNormTrain(x, gamma.data, beta.data, epsilon, mean, variance, invStd, xhat.data, y.data);
      for (let j = 0; j < features; j++) {
        runningMean[j] = decay * runningMean[j]! + (1 - decay) * mean[j]!;
        runningVar[j] = decay * runningVar[j]! + (1 - decay) * variance[j]!;
      }
      return y;
    },
    backward(dy) {
      if (!xhat) throw new Error('batchnorm: backward called before a training forward');
      const dx = dxBuffer(dy.rows);
      batchNormBackward(dy, xhat.data, gamma.data, invStd, params[0]!.grad.data, params[1]!.grad.data, dx.data);
      return dx;
    },
  };
}
