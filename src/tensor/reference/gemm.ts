import type { Float } from '../matrix-type.ts';

// The TypeScript matrix products: the fallback of the WebAssembly kernels and the
// reference they are tested against. All three forms reduce to one register-blocked
// kernel over "A rows · B rows" (dot form), because both operands are then read
// contiguously; the other two forms pack a transposed copy first. Packing costs O(k·n)
// against the product's O(m·k·n), and the scratch buffers are reused, so the hot path
// allocates nothing once shapes are stable.

/** The three products a dense layer needs: A·B, Aᵀ·B and A·Bᵀ. */
export type GemmForm = 'A·B' | 'Aᵀ·B' | 'A·Bᵀ';

let scratch32a = new Float32Array(0);
let scratch32b = new Float32Array(0);
let scratch64a = new Float64Array(0);
let scratch64b = new Float64Array(0);

function scratch(like: Float, size: number, slot: 'a' | 'b'): Float {
  if (like instanceof Float64Array) {
    if (slot === 'a') return scratch64a.length >= size ? scratch64a : (scratch64a = new Float64Array(size));
    return scratch64b.length >= size ? scratch64b : (scratch64b = new Float64Array(size));
  }
  if (slot === 'a') return scratch32a.length >= size ? scratch32a : (scratch32a = new Float32Array(size));
  return scratch32b.length >= size ? scratch32b : (scratch32b = new Float32Array(size));
}

/** Writes the transpose of the rows×cols matrix in `src` into `dst` (cols×rows). */
function transposeInto(src: Float, rows: number, cols: number, dst: Float): void {
  const block = 32;
  for (let i0 = 0; i0 < rows; i0 += block) {
    const iEnd = Math.min(i0 + block, rows);
    for (let j0 = 0; j0 < cols; j0 += block) {
      const jEnd = Math.min(j0 + block, cols);
      for (let i = i0; i < iEnd; i++) {
        const s = i * cols;
        for (let j = j0; j < jEnd; j++) dst[j * rows + i] = src[s + j]!;
      }
    }
  }
}

/**
 * out (m×n) = A (m×k) · Btᵀ where Bt is n×k; adds to `out` when `accumulate`.
 * Four rows of A against four rows of Bt at a time: sixteen sums stay in registers.
 */
function dotKernel(a: Float, bt: Float, out: Float, m: number, n: number, k: number, accumulate: boolean): void {
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    const o0 = i * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let j = 0; j < n4; j += 4) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p]!, x1 = a[a1 + p]!, x2 = a[a2 + p]!, x3 = a[a3 + p]!;
        const y0 = bt[b0 + p]!, y1 = bt[b1 + p]!, y2 = bt[b2 + p]!, y3 = bt[b3 + p]!;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      if (accumulate) {
        out[o0 + j] += s00; out[o0 + j + 1] += s01; out[o0 + j + 2] += s02; out[o0 + j + 3] += s03;
        out[o1 + j] += s10; out[o1 + j + 1] += s11; out[o1 + j + 2] += s12; out[o1 + j + 3] += s13;
        out[o2 + j] += s20; out[o2 + j + 1] += s21; out[o2 + j + 2] += s22; out[o2 + j + 3] += s23;
        out[o3 + j] += s30; out[o3 + j + 1] += s31; out[o3 + j + 2] += s32; out[o3 + j + 3] += s33;
      } else {
        out[o0 + j] = s00; out[o0 + j + 1] = s01; out[o0 + j + 2] = s02; out[o0 + j + 3] = s03;
        out[o1 + j] = s10; out[o1 + j + 1] = s11; out[o1 + j + 2] = s12; out[o1 + j + 3] = s13;
        out[o2 + j] = s20; out[o2 + j + 1] = s21; out[o2 + j + 2] = s22; out[o2 + j + 3] = s23;
        out[o3 + j] = s30; out[o3 + j + 1] = s31; out[o3 + j + 2] = s32; out[o3 + j + 3] = s33;
      }
    }
    for (let j = n4; j < n; j++) {
      for (let r = 0; r < 4; r++) {
        const ar = (i + r) * k;
        const b = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ar + p]! * bt[b + p]!;
        const o = (i + r) * n + j;
        out[o] = accumulate ? out[o]! + s : s;
      }
    }
  }
  for (let i = m4; i < m; i++) {
    const ar = i * k;
    for (let j = 0; j < n; j++) {
      const b = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ar + p]! * bt[b + p]!;
      const o = i * n + j;
      out[o] = accumulate ? out[o]! + s : s;
    }
  }
}

/**
 * out (m×n) = op(A)·op(B), or += when `accumulate`, in float32 or float64 (sums are
 * carried in float64 either way). A is stored m×k (k×m for Aᵀ·B), B k×n (n×k for A·Bᵀ).
 *
 * @example
 * referenceGemm('A·B', a.data, b.data, out.data, a.rows, b.cols, a.cols, false);
 */
export function referenceGemm(
  form: GemmForm, a: Float, b: Float, out: Float, m: number, n: number, k: number, accumulate: boolean,
): void {
  if (form === 'A·Bᵀ') {
    dotKernel(a, b, out, m, n, k, accumulate);
    return;
  }
  const bt = scratch(b, k * n, 'b');
  transposeInto(b, k, n, bt);
  if (form === 'A·B') {
    dotKernel(a, bt, out, m, n, k, accumulate);
    return;
  }
  const at = scratch(a, k * m, 'a');
  transposeInto(a, k, m, at);
  dotKernel(at, bt, out, m, n, k, accumulate);
}
