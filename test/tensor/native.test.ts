import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { wasmRuntimes, type WasmRuntime } from '../../src/tensor/backend.ts';
import { loadNativeKernels } from '../../src/tensor/native/addon.ts';
import type { GemmForm } from '../../src/tensor/reference/gemm.ts';
import { createRng, type Rng } from '../../src/tensor/rng.ts';

// The native macro-kernel against the relaxed-SIMD build it stands in for. Both take one
// fused multiply-add per depth step for every element, in the same order, over the same
// depth blocks, then the same epilogue; lanes never mix, so 512-bit vectors must give the
// relaxed build's bits exactly: no tolerance here. (The relaxed build against the
// TypeScript reference, within a stated bound, is test/tensor/simd.test.ts, which runs
// the native build too.) Runs where the module was built and the CPU has AVX2 with FMA:
// a machine without a C++ compiler runs the WebAssembly builds and skips this file.

const native = wasmRuntimes.find((r) => r.build === 'native');
const relaxed = wasmRuntimes.find((r) => r.build === 'relaxed-simd');
const compiler = (() => {
  try {
    execFileSync('c++', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Five operand arrays in one build's kernel memory, taken once (blocks return only when collected). */
const space = new Map<WasmRuntime, Float32Array[]>();
const largest = 531 * 1030;

/** The `slot`th operand array of `rt`, its first `length` values seeded uniform in [-1, 1). */
function fill(rt: WasmRuntime, slot: number, length: number, rng: Rng): Float32Array {
  if (!space.has(rt)) space.set(rt, Array.from({ length: 5 }, () => rt.heap.alloc(largest)!));
  const data = space.get(rt)![slot]!.subarray(0, length);
  for (let i = 0; i < length; i++) data[i] = rng.between(-1, 1);
  return data;
}

/** One product under `rt`, from the same seed: a copy of C afterwards. */
function product(rt: WasmRuntime, form: GemmForm, m: number, k: number, n: number, accumulate: boolean, fused: 'none' | 'bias-relu' | 'mask'): Float32Array {
  const rng = createRng(`${form} ${m} ${k} ${n}`);
  const a = fill(rt, 0, m * k, rng), b = fill(rt, 1, k * n, rng), c = fill(rt, 2, m * n, rng), bias = fill(rt, 3, n, rng), mask = fill(rt, 4, m * k, rng);
  const fusion = fused === 'bias-relu' ? { bias, relu: true } : fused === 'mask' ? { maskA: mask } : {};
  rt.gemm(form, a, b, c, m, n, k, accumulate, fusion);
  return Float32Array.from(c);
}

function firstDifference(a: Float32Array, b: Float32Array): string {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `element ${i}: native ${a[i]}, relaxed ${b[i]}`;
  return '';
}

describe('the native build', () => {
  it.runIf(compiler && process.platform === 'linux' && process.arch === 'x64')('is built by `npm ci` where a C++ compiler is', () => {
    // Built and current; only a CPU without AVX2 and FMA may still decline it.
    let reason = '';
    try {
      loadNativeKernels();
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(reason).toMatch(/^$|^this CPU has neither/);
    if (reason === '') expect(native, 'loaded as a backend').toBeDefined();
  });

  it('refuses a module built from other sources than these, saying what to run', () => {
    expect(() => loadNativeKernels('0'.repeat(64))).toThrow(/^(built from other sources than these; run `npm run build:native`|not built)/);
  });
});

describe.runIf(native && relaxed)('the native macro-kernel', () => {
  const forms: GemmForm[] = ['A·B', 'Aᵀ·B', 'A·Bᵀ'];

  it.each(forms)('%s gives the relaxed-SIMD build\'s bits on odd shapes, accumulating or not, fused or not', (form) => {
    const shapes: [number, number, number][] = [[1, 1, 1], [7, 13, 5], [129, 785, 257], [128, 784, 256], [12, 9, 16], [13, 300, 10], [261, 531, 1030]];
    for (const [m, k, n] of shapes) {
      for (const accumulate of [false, true]) {
        for (const fused of ['none', 'bias-relu', 'mask'] as const) {
          if (fused === 'mask' && form !== 'A·B') continue;
          const why = firstDifference(product(native!, form, m, k, n, accumulate, fused), product(relaxed!, form, m, k, n, accumulate, fused));
          expect(why, `${m}×${k}·${k}×${n} accumulate=${accumulate} ${fused}`).toBe('');
        }
      }
    }
  });

  it('gives the same bits on every tile edge (1–25 rows × 1–40 columns)', () => {
    const rng = createRng('tile edges');
    for (let m = 1; m <= 25; m++) {
      for (let n = 1; n <= 40; n += 1 + rng.int(3)) {
        const k = 1 + rng.int(40);
        const why = firstDifference(product(native!, 'A·B', m, k, n, false, 'bias-relu'), product(relaxed!, 'A·B', m, k, n, false, 'bias-relu'));
        expect(why, `${m}×${k}·${k}×${n}`).toBe('');
      }
    }
  });

  it('maps NaN to +0 under the fused ReLU, as x > 0 ? x : 0, in full tiles and edge tiles', () => {
    const rng = createRng('relu');
    for (const n of [16, 5]) {
      const [a, b, c, bias] = [12, n, 12 * n, n].map((length, slot) => fill(native!, slot, length, rng).fill(0)) as Float32Array[];
      a!.set([NaN, -1, ...Array<number>(10).fill(2)]);
      b!.fill(1);
      native!.gemm('A·B', a!, b!, c!, 12, n, 1, false, { bias: bias!, relu: true });
      const rows = Array.from({ length: 12 }, (_, r) => Array.from(c!.subarray(r * n, (r + 1) * n)));
      expect(rows.map((row) => row.every((x) => Object.is(x, row[0])) ? row[0] : row)).toEqual([0, 0, ...Array<number>(10).fill(2)]);
    }
  });

  it('throws instead of touching memory outside the kernel memory', () => {
    const nativeModule = loadNativeKernels();
    const buffer = new ArrayBuffer(1024);
    expect(() => nativeModule.macroKernel(buffer, 4, 8, 64, 0, 0, 0, 8, 1, 0, 0, 0)).toThrow(/outside the kernel memory/);
    expect(() => nativeModule.macroKernel(buffer, 4, 8, 1, 2, 0, 0, 8, 1, 0, 0, 0)).toThrow(/misaligned/);
  });
});
