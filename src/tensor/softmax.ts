import type { Float, Matrix } from './matrix.ts';

/** The largest of data[o … o+cols). */
export function rowMax(data: Float, o: number, cols: number): number {
  let max = -Infinity;
  for (let j = 0; j < cols; j++) if (data[o + j]! > max) max = data[o + j]!;
  return max;
}

/** log Σ_j e^(data[o+j] − max): with the row's max, the stable half of log-sum-exp. */
export function rowLogSumShifted(data: Float, o: number, cols: number, max: number): number {
  let sum = 0;
  for (let j = 0; j < cols; j++) sum += Math.exp(data[o + j]! - max);
  return Math.log(sum);
}

/**
 * Row-wise softmax, stable through the log-sum-exp shift: out[i, :] = e^(z − max) / Σ e^(z − max).
 * Writes log-probabilities to `logOut` when given (for the loss).
 */
export function softmaxRows(z: Matrix, out: Float, logOut?: Float): void {
  const { rows, cols, data } = z;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const max = rowMax(data, o, cols);
    const logSum = rowLogSumShifted(data, o, cols, max);
    for (let j = 0; j < cols; j++) {
      const logP = data[o + j]! - max - logSum;
      out[o + j] = Math.exp(logP);
      if (logOut) logOut[o + j] = logP;
    }
  }
}
