import { activeWasm } from './backend.ts';
import type { Float, Matrix } from './matrix.ts';
import * as reference from './reference/elementwise.ts';

// Element-wise and row/column kernels of the layers. Each writes into a buffer its
// caller owns, so a training step allocates nothing. The ported ones run in WebAssembly
// when every array lives in the kernel memory, else in TypeScript: both give the same
// bits, so where an array lives never changes a result.

/** m[i, :] += v for every row i. */
export function addRowVector(m: Matrix, v: Float): void {
  const wasm = activeWasm();
  if (wasm && wasm.heap.contains(m.data) && wasm.heap.contains(v)) {
    wasm.kernels.addRowVector(m.data.byteOffset, m.rows, m.cols, v.byteOffset);
  } else {
    reference.addRowVector(m, v);
  }
}

/**
 * out[j] = Σ_i m[i, j] (or out[j] += … when `accumulate`); with `mask` (laid out like m),
 * only the elements whose mask is > 0 count: a ReLU's backward applied as m is read.
 */
export function columnSums(m: Matrix, out: Float, accumulate = false, mask?: Float): void {
  const wasm = activeWasm();
  if (wasm && wasm.heap.contains(m.data) && wasm.heap.contains(out) && (!mask || wasm.heap.contains(mask))) {
    const delta = mask ? (mask.byteOffset - m.data.byteOffset) >>> 0 : 0;
    wasm.kernels.columnSums(m.data.byteOffset, m.rows, m.cols, out.byteOffset, accumulate ? 1 : 0, mask ? 1 : 0, delta);
  } else {
    reference.columnSums(m, out, accumulate, mask);
  }
}

/** out = max(0, x). */
export function reluForward(x: Float, out: Float, n: number): void {
  const wasm = activeWasm();
  if (wasm && wasm.heap.contains(x) && wasm.heap.contains(out)) wasm.kernels.reluForward(x.byteOffset, out.byteOffset, n);
  else reference.reluForward(x, out, n);
}

/** dx = dy where x > 0, else 0. */
export function reluBackward(x: Float, dy: Float, dx: Float, n: number): void {
  const wasm = activeWasm();
  if (wasm && wasm.heap.contains(x) && wasm.heap.contains(dy) && wasm.heap.contains(dx)) {
    wasm.kernels.reluBackward(x.byteOffset, dy.byteOffset, dx.byteOffset, n);
  } else {
    reference.reluBackward(x, dy, dx, n);
  }
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
  const wasm = activeWasm();
  if (wasm && wasm.heap.contains(a) && wasm.heap.contains(b) && wasm.heap.contains(out)) {
    wasm.kernels.multiply(a.byteOffset, b.byteOffset, out.byteOffset, n);
  } else {
    reference.multiply(a, b, out, n);
  }
}

/** Index of the largest value in each row (the first on ties). */
export function argmaxRows(m: Matrix, out: Int32Array): void {
  const { rows, cols, data } = m;
  const wasm = activeWasm();
  if (wasm && cols > 0 && data instanceof Float32Array && wasm.heap.contains(data) && wasm.heap.contains(out)) {
    wasm.kernels.argmaxRows(data.byteOffset, rows, cols, out.byteOffset);
    return;
  }
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
