import type { Float, Matrix } from './matrix.ts';

// Element-wise and row/column kernels of the layers. Each writes into a buffer its
// caller owns, so a training step allocates nothing.

/** m[i, :] += v for every row i. */
export function addRowVector(m: Matrix, v: Float): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) data[o + j] += v[j]!;
  }
}

/** out[j] = Σ_i m[i, j] (or out[j] += … when `accumulate`). */
export function columnSums(m: Matrix, out: Float, accumulate = false): void {
  const { rows, cols, data } = m;
  if (!accumulate) out.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] += data[o + j]!;
  }
}

/** out = max(0, x). */
export function reluForward(x: Float, out: Float, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? v : 0;
  }
}

/** dx = dy where x > 0, else 0. */
export function reluBackward(x: Float, dy: Float, dx: Float, n: number): void {
  for (let i = 0; i < n; i++) dx[i] = x[i]! > 0 ? dy[i]! : 0;
}

/** out = 1 / (1 + e^(−x)). */
export function sigmoidForward(x: Float, out: Float, n: number): void {
  for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]!));
}

/** dx = dy · y · (1 − y), from the forward output y. */
export function sigmoidBackward(y: Float, dy: Float, dx: Float, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    dx[i] = dy[i]! * v * (1 - v);
  }
}

/** out = tanh(x). */
export function tanhForward(x: Float, out: Float, n: number): void {
  for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
}

/** dx = dy · (1 − y²), from the forward output y. */
export function tanhBackward(y: Float, dy: Float, dx: Float, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    dx[i] = dy[i]! * (1 - v * v);
  }
}

/** out = a ⊙ b. */
export function multiply(a: Float, b: Float, out: Float, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
}

/** Index of the largest value in each row. */
export function argmaxRows(m: Matrix, out: Int32Array): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let best = 0;
    let bestValue = data[o]!;
    for (let j = 1; j < cols; j++) {
      if (data[o + j]! > bestValue) {
        bestValue = data[o + j]!;
        best = j;
      }
    }
    out[i] = best;
  }
}

/** mask[i] = scale with probability `keep`, else 0 (inverted dropout). */
export function bernoulliMask(mask: Float, keep: number, scale: number, n: number, uniform: () => number): void {
  for (let i = 0; i < n; i++) mask[i] = uniform() < keep ? scale : 0;
}
