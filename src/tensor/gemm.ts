import { activeWasm } from './backend.ts';
import type { Matrix } from './matrix.ts';
import { referenceGemm, type GemmForm } from './reference/gemm.ts';

// The three matrix-product forms a dense layer needs. Float32 products run on the
// WebAssembly SIMD kernels when that backend is active (./wasm/gemm.ts); float64 ones,
// and all of them under SKEWTUNE_KERNELS=ts, on the TypeScript kernels (./reference).

function check(name: string, ok: boolean, shapes: string): void {
  if (!ok) throw new RangeError(`${name}: shapes do not fit (${shapes})`);
}

const shape = (m: Matrix) => `${m.rows}×${m.cols}`;

function run(form: GemmForm, a: Matrix, b: Matrix, out: Matrix, m: number, n: number, k: number, accumulate: boolean): void {
  const wasm = activeWasm();
  if (wasm && a.data instanceof Float32Array && b.data instanceof Float32Array && out.data instanceof Float32Array) {
    wasm.gemm(form, a.data, b.data, out.data, m, n, k, accumulate);
  } else {
    referenceGemm(form, a.data, b.data, out.data, m, n, k, accumulate);
  }
}

/** out = A·B (or out += A·B). A is m×k, B is k×n, out is m×n. */
export function matmul(a: Matrix, b: Matrix, out: Matrix, accumulate = false): void {
  check('matmul', a.cols === b.rows && out.rows === a.rows && out.cols === b.cols, `${shape(a)} · ${shape(b)} → ${shape(out)}`);
  run('A·B', a, b, out, a.rows, b.cols, a.cols, accumulate);
}

/** out = Aᵀ·B (or out += Aᵀ·B). A is k×m, B is k×n, out is m×n. */
export function matmulTransA(a: Matrix, b: Matrix, out: Matrix, accumulate = false): void {
  check('matmulTransA', a.rows === b.rows && out.rows === a.cols && out.cols === b.cols, `${shape(a)}ᵀ · ${shape(b)} → ${shape(out)}`);
  run('Aᵀ·B', a, b, out, a.cols, b.cols, a.rows, accumulate);
}

/** out = A·Bᵀ (or out += A·Bᵀ). A is m×k, B is n×k, out is m×n. */
export function matmulTransB(a: Matrix, b: Matrix, out: Matrix, accumulate = false): void {
  check('matmulTransB', a.cols === b.cols && out.rows === a.rows && out.cols === b.rows, `${shape(a)} · ${shape(b)}ᵀ → ${shape(out)}`);
  run('A·Bᵀ', a, b, out, a.rows, b.rows, a.cols, accumulate);
}
