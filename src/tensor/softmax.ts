import type { Float, Matrix } from './matrix.ts';

/**
 * Row-wise softmax, stable through the log-sum-exp shift: out[i, :] = e^(z − max) / Σ e^(z − max).
 * Writes log-probabilities to `logOut` when given (for the loss).
 */
export function softmaxRows(z: Matrix, out: Float, logOut?: Float): void {
  const { rows, cols, data } = z;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (data[o + j]! > max) max = data[o + j]!;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(data[o + j]! - max);
    const logSum = Math.log(sum);
    for (let j = 0; j < cols; j++) {
      const logP = data[o + j]! - max - logSum;
      out[o + j] = Math.exp(logP);
      if (logOut) logOut[o + j] = logP;
    }
  }
}
