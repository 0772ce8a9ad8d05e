import { afterEach, describe, expect, it } from 'vitest';
import { kernelBackend, setKernelBackend, wasm, wasmRuntimes, type WasmRuntime } from '../../src/tensor/backend.ts';
import * as elementwise from '../../src/tensor/elementwise.ts';
import { matmul, matmulTransA, matmulTransB } from '../../src/tensor/gemm.ts';
import { fromArray, kernelMatrix, matrix, sliceRows } from '../../src/tensor/matrix.ts';
import * as reference from '../../src/tensor/reference/elementwise.ts';
import { referenceGemm, type GemmForm } from '../../src/tensor/reference/gemm.ts';
import { createRng, type Rng } from '../../src/tensor/rng.ts';
import { freeList } from '../../src/tensor/wasm/free-list.ts';

// Each WebAssembly build (relaxed SIMD and SIMD) against the TypeScript reference kernels.
// Under SKEWTUNE_KERNELS=ts nothing is loaded and only the allocator tests run; otherwise
// the kernels must load, so a missing build fails here instead of passing on TypeScript alone.
//
// Tolerance: the matrix products differ from the reference in rounding only. The reference
// sums in float64; the SIMD build rounds each product and each partial sum to float32; the
// relaxed-SIMD build fuses each multiply-add (one rounding). All three stay within the
// classic float32 bound of a k-term dot product, so the test allows twice (k + 8)·2⁻²⁴·Σ|a||b|.
// Element-wise kernels and optimizer steps perform the same float32 operations in every
// build, so there the builds and the reference must agree bit for bit.

const wasmExpected = process.env.SKEWTUNE_KERNELS !== 'ts';
const forms: GemmForm[] = ['A·B', 'Aᵀ·B', 'A·Bᵀ'];
const unit = 2 ** -24;

function runtime(): WasmRuntime {
  if (!wasm) throw new Error('the WebAssembly kernels did not load: run `npm run build:wasm`');
  return wasm;
}

type Place = 'heap' | 'plain';

/** `length` floats uniform in [-1, 1), in kernel memory or in an ordinary array. */
function randomArray(length: number, rng: Rng, place: Place): Float32Array {
  const data = place === 'heap' ? runtime().heap.alloc(length)! : new Float32Array(length);
  for (let i = 0; i < length; i++) data[i] = rng.between(-1, 1);
  return data;
}

/** Index of the first element that differs (NaN equals NaN, −0 differs from +0), or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Asserts bit-for-bit equal float arrays (vitest's toEqual is slow on large ones). */
function expectSameFloats(got: ArrayLike<number>, want: ArrayLike<number>): void {
  const i = firstDifference(got, want);
  expect(i, i < 0 ? '' : `element ${i}: got ${got[i]}, want ${want[i]}`).toBe(-1);
}

function copyTo(data: Float32Array, place: Place): Float32Array {
  const copy = place === 'heap' ? runtime().heap.alloc(data.length)! : new Float32Array(data.length);
  copy.set(data);
  return copy;
}

/** Random operands of one product: A has m·k values, B k·n, C m·n (any storage order). */
function operands(m: number, k: number, n: number, seed: string) {
  const rng = createRng(seed);
  return { a: randomArray(m * k, rng, 'plain'), b: randomArray(k * n, rng, 'plain'), c: randomArray(m * n, rng, 'plain') };
}

/**
 * Checks the SIMD product against the TypeScript one: each element within the float32
 * error bound of a k-term sum, (k + 8)·2⁻²⁴·(Σ|a||b| + |c|), twice over for safety.
 */
function expectAgreement(rt: WasmRuntime, form: GemmForm, m: number, k: number, n: number, accumulate: boolean): void {
  const { a, b, c } = operands(m, k, n, `${form} ${m} ${k} ${n}`);
  const simd = copyTo(c, 'heap');
  rt.gemm(form, copyTo(a, 'heap'), copyTo(b, 'heap'), simd, m, n, k, accumulate);
  const ts = Float32Array.from(c);
  referenceGemm(form, a, b, ts, m, n, k, accumulate);
  const bound = Float64Array.from(c, Math.abs);
  referenceGemm(form, Float64Array.from(a, Math.abs), Float64Array.from(b, Math.abs), bound, m, n, k, accumulate);
  let failures = 0;
  let first = '';
  for (let i = 0; i < m * n; i++) {
    const tolerance = 2 * (k + 8) * unit * bound[i]!;
    if (!(Math.abs(simd[i]! - ts[i]!) <= tolerance)) {
      if (failures++ === 0) first = `element ${i}: simd ${simd[i]}, ts ${ts[i]}, tolerance ${tolerance}`;
    }
  }
  expect(failures, first).toBe(0);
}

const builds = wasmRuntimes.map((rt) => [rt.build, rt] as const);

describe.runIf(wasmExpected)('WebAssembly kernels', () => {
  afterEach(() => setKernelBackend(runtime().build));

  it('load and are the default backend', () => {
    expect(wasm, 'build them with `npm run build:wasm`').not.toBeNull();
    expect(kernelBackend()).toBe(runtime().build);
  });

  describe.each(builds.flatMap(([build, rt]) => forms.map((form) => [build, form, rt] as const)))('%s build: %s agrees with the TypeScript product', (_, form, rt) => {
    const fixed: [number, number, number][] = [
      [1, 1, 1], [7, 13, 5], [129, 785, 257], [4, 8, 8], [3, 5, 7], [5, 9, 17], [33, 257, 9], [2, 513, 3],
    ];
    it.each(fixed)('m=%i, k=%i, n=%i', (m, k, n) => {
      expectAgreement(rt, form, m, k, n, false);
      expectAgreement(rt, form, m, k, n, true);
    });

    it('on 40 random shapes', () => {
      const rng = createRng(`shapes ${form}`);
      for (let t = 0; t < 40; t++) {
        const [m, k, n] = [1 + rng.int(70), 1 + rng.int(300), 1 + rng.int(70)];
        expectAgreement(rt, form, m, k, n, rng.uniform() < 0.5);
      }
    });

    it('past every cache block (rows > 256, depth > 256, columns > 1024)', () => {
      expectAgreement(rt, form, 261, 300, 1031, true);
    });
  });

  it.each(forms)('%s gives the same bits wherever its operands live', (form) => {
    const [m, k, n] = [261, 531, 1030];
    const { a, b, c } = operands(m, k, n, `placement ${form}`);
    const results = (['heap', 'plain'] as Place[]).flatMap((pa) => (['heap', 'plain'] as Place[]).flatMap((pc) => {
      return [false, true].map((accumulate) => {
        const out = copyTo(c, pc);
        runtime().gemm(form, copyTo(a, pa), copyTo(b, pa === 'heap' ? 'plain' : 'heap'), out, m, n, k, accumulate);
        return { accumulate, out: Float32Array.from(out) };
      });
    }));
    for (const r of results) expectSameFloats(r.out, results.find((s) => s.accumulate === r.accumulate)!.out);
  });

  it('writes zeros (or leaves C) when the depth is 0', () => {
    const out = copyTo(Float32Array.of(1, 2, 3, 4), 'heap');
    runtime().gemm('A·B', new Float32Array(0), new Float32Array(0), out, 2, 2, 0, true);
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
    runtime().gemm('A·B', new Float32Array(0), new Float32Array(0), out, 2, 2, 0, false);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });

  it('back the public products for float32, and the backend switch selects TypeScript', () => {
    const [m, k, n] = [129, 785, 257];
    const { a, b } = operands(m, k, n, 'dispatch');
    const A = fromArray(m, k, copyTo(a, 'heap'));
    const B = fromArray(k, n, copyTo(b, 'heap'));
    const simd = new Float32Array(m * n);
    runtime().gemm('A·B', A.data as Float32Array, B.data as Float32Array, simd, m, n, k, false);
    const ts = new Float32Array(m * n);
    referenceGemm('A·B', a, b, ts, m, n, k, false);
    expect(firstDifference(simd, ts)).not.toBe(-1); // f32 sums against f64 ones: some rounding differs

    const out = kernelMatrix(m, n);
    matmul(A, B, out);
    expectSameFloats(out.data, simd);
    setKernelBackend('ts');
    matmul(A, B, out);
    expectSameFloats(out.data, ts);
  });

  it('leave float64 products to TypeScript', () => {
    // 1 + 1e-10 exists in float64 only: a float32 kernel would return 1.
    const a = fromArray(1, 2, Float64Array.of(1, 1e-10));
    const b = fromArray(2, 1, Float64Array.of(1, 1));
    for (const [product, left, right] of [[matmul, a, b], [matmulTransA, fromArray(2, 1, a.data), b], [matmulTransB, a, fromArray(1, 2, b.data)]] as const) {
      const out = matrix(1, 1, 'float64');
      product(left, right, out);
      expect(out.data[0]).toBe(1 + 1e-10);
    }
  });
});

describe.runIf(wasmExpected).each(builds)('%s element-wise kernels match the TypeScript ones bit for bit', (_, rt) => {
  const shapes: [number, number][] = [[1, 1], [7, 13], [3, 17], [2, 16], [129, 257], [128, 256]];
  const special = [Number.NaN, -0, 0, Infinity, -Infinity, 1e-45, -1e-45];

  /** Random values with a few special ones sprinkled in. */
  function values(length: number, seed: string): Float32Array {
    const rng = createRng(seed);
    const data = randomArray(length, rng, 'plain');
    for (let i = 0; i < length; i += 5) data[i] = special[rng.int(special.length)]!;
    return data;
  }

  it.each(shapes)('%i×%i', (rows, cols) => {
    const { kernels } = rt;
    const n = rows * cols;
    const x = values(n, `x ${rows} ${cols}`);
    const y = values(n, `y ${rows} ${cols}`);
    const v = values(cols, `v ${rows} ${cols}`);
    const [hx, hy, hv] = [copyTo(x, 'heap'), copyTo(y, 'heap'), copyTo(v, 'heap')];
    const got = copyTo(new Float32Array(n), 'heap');
    const want = new Float32Array(n);

    kernels.reluForward(hx.byteOffset, got.byteOffset, n);
    reference.reluForward(x, want, n);
    expectSameFloats(got, want);

    kernels.reluBackward(hx.byteOffset, hy.byteOffset, got.byteOffset, n);
    reference.reluBackward(x, y, want, n);
    expectSameFloats(got, want);

    kernels.multiply(hx.byteOffset, hy.byteOffset, got.byteOffset, n);
    reference.multiply(x, y, want, n);
    expectSameFloats(got, want);

    got.set(y);
    want.set(y);
    kernels.addRowVector(got.byteOffset, rows, cols, hv.byteOffset);
    reference.addRowVector(fromArray(rows, cols, want), v);
    expectSameFloats(got, want);

    for (const accumulate of [false, true]) {
      const sums = copyTo(v, 'heap');
      const expected = Float32Array.from(v);
      kernels.columnSums(hx.byteOffset, rows, cols, sums.byteOffset, accumulate ? 1 : 0, 0, 0);
      reference.columnSums(fromArray(rows, cols, x), expected, accumulate);
      expectSameFloats(sums, expected);
    }
  });

  it('back the public functions, on kernel memory and off it', () => {
    const x = values(7 * 13, 'public');
    for (const place of ['heap', 'plain'] as Place[]) {
      const m = fromArray(7, 13, copyTo(x, place));
      const out = copyTo(new Float32Array(7 * 13), place);
      elementwise.reluForward(m.data, out, 7 * 13);
      const want = new Float32Array(7 * 13);
      reference.reluForward(x, want, 7 * 13);
      expectSameFloats(out, want);
      const sums = copyTo(new Float32Array(13), place);
      elementwise.columnSums(m, sums);
      const wantSums = new Float32Array(13);
      reference.columnSums(fromArray(7, 13, x), wantSums, false);
      expectSameFloats(sums, wantSums);
    }
  });
});

describe('kernel memory', () => {
  it('first fit, aligned, merging freed neighbours', () => {
    const list = freeList(100, 100 + 64 * 10, 64);
    expect(list.freeBytes()).toBe(64 * 9); // [128, 704): both ends rounded inwards
    const a = list.alloc(1);
    const b = list.alloc(65);
    const c = list.alloc(64);
    expect([a, b, c]).toEqual([128, 192, 320]);
    expect(list.alloc(64 * 6)).toBe(-1);
    list.free(b, 65);
    expect(list.alloc(64)).toBe(192); // first fit reuses the hole
    list.free(192, 64);
    list.free(a, 1);
    list.free(c, 64);
    expect(list.freeBytes()).toBe(64 * 9);
    expect(list.alloc(64 * 9)).toBe(128); // all merged back into one range
  });

  it.runIf(wasmExpected)('hands out zeroed float32 matrices the kernels address in place', () => {
    const { heap } = runtime();
    const m = kernelMatrix(3, 5);
    expect(heap.contains(m.data)).toBe(true);
    expect(m.data.byteOffset % 64).toBe(0);
    expect(Array.from(m.data)).toEqual(new Array(15).fill(0));
    expect(heap.contains(sliceRows(m, 1, 2).data)).toBe(true);
    expect(heap.contains(kernelMatrix(3, 5, 'float64').data)).toBe(false);
    expect(heap.contains(matrix(3, 5).data)).toBe(false);
    const before = heap.freeBytes();
    kernelMatrix(3, 7); // 84 bytes take a 128-byte block
    expect(heap.freeBytes()).toBe(before - 128);
  });
});
