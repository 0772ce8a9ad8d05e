import type { Float, Matrix } from '../matrix.ts';

// The TypeScript versions of the element-wise kernels that have WebAssembly twins
// (../wasm/assembly/elementwise.ts). Both round every float32 result the same way, in the
// same order, so they agree bit for bit; these also serve float64 and arrays outside the
// kernel memory.

/** m[i, :] += v for every row i. */
export function addRowVector(m: Matrix, v: Float): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) data[o + j] += v[j]!;
  }
}

/** out[j] = Σ_i m[i, j] (or out[j] += … when `accumulate`), counting only elements whose `mask` is > 0 when given. */
export function columnSums(m: Matrix, out: Float, accumulate: boolean, mask?: Float): void {
  const { rows, cols, data } = m;
  if (!accumulate) out.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    if (mask) for (let j = 0; j < cols; j++) out[j] += mask[o + j]! > 0 ? data[o + j]! : 0;
    else for (let j = 0; j < cols; j++) out[j] += data[o + j]!;
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

/** out = a ⊙ b. */
export function multiply(a: Float, b: Float, out: Float, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
}
