import type { GemmForm } from '../reference/gemm.ts';
import type { Heap } from './heap.ts';
import type { KernelExports } from './module.ts';

// The outer loops of the blocked product (Goto & van de Geijn 2008; BLIS loop order):
// for each column block of C, for each depth block, pack B's block; for each row block,
// pack A's block and run the macro-kernel. Blocks of operands outside the kernel memory
// are first copied into it, so an operand's location changes the speed, never the result:
// each element of C is summed over the same depth blocks, in the same order, either way.

/** Micro-tile rows and columns (see assembly/gemm.ts). */
const MR = 4;
const NR = 8;
/** Depth block: a 256×8 strip of packed B (8 KiB) stays in L1 across a row sweep. */
const KC = 256;
/** Row block: a 256×256 packed A block (256 KiB) stays in L2. */
const MC = 256;
/** Column block: bounds the packing and staging buffers (1 MiB each). */
const NC = 1024;

/**
 * The depth k split into equal blocks of at most KC. It depends on k alone: the rounding
 * of every sum then depends on nothing else (not on m, n or where operands live).
 */
function depthBlock(k: number): number {
  return Math.ceil(k / Math.ceil(k / KC));
}

/** An operand of op(X): element (lane, p) at data[lane * ld + p] or data[p * ld + lane]. */
interface Operand {
  data: Float32Array;
  laneMajor: boolean;
  ld: number;
  mask: Float32Array | undefined;
}

/**
 * Work fused into a product: `bias`, a row vector of n, added to every row of the result
 * and then ReLU when `relu`, as tiles are stored; and `maskA` / `maskB`, laid out like A /
 * B, zeroing each operand element whose mask is not > 0 as it is loaded. The bias, a mask
 * and the operand it masks must live in kernel memory (they are read in place). Same bits
 * as the unfused kernels run one after another.
 */
export interface Fusion {
  bias?: Float32Array;
  relu?: boolean;
  maskA?: Float32Array;
  maskB?: Float32Array;
}

/**
 * `gemm(form, a, b, out, m, n, k, accumulate, fusion)`: out (m×n) = op(A)·op(B), or +=
 * when `accumulate`, with op(A) m×k and op(B) k×n; all row-major float32.
 */
export type Gemm = (
  form: GemmForm, a: Float32Array, b: Float32Array, out: Float32Array, m: number, n: number, k: number, accumulate: boolean,
  fusion?: Fusion,
) => void;

/**
 * Binds the blocked product to a kernel module and its heap. The packing and staging
 * buffers are taken from the heap once, here, and kept for the life of the process.
 *
 * @example
 * const gemm = createGemm(module.exports, heap);
 * gemm('A·B', a, b, out, 128, 256, 784, false);
 */
export function createGemm(kernels: KernelExports, heap: Heap): Gemm {
  const take = (length: number) => {
    const data = heap.alloc(length);
    if (!data) throw new RangeError(`kernel memory cannot hold the ${length * 4}-byte GEMM scratch`);
    return data;
  };
  const packedA = take(MC * KC);
  const packedB = take(KC * NC);
  const stageA = take(MC * KC);
  const stageB = take(KC * NC);
  const stageC = take(MC * NC);
  const tile = take(MR * NR);

  /** Packs lanes [lane0, lane0+lanes) × depth [p0, p0+depth) of `x` into `dst`, in strips of `width`. */
  function pack(x: Operand, lane0: number, lanes: number, p0: number, depth: number, width: number, dst: Float32Array, stage: Float32Array): void {
    const rows = x.laneMajor ? lanes : depth;
    const cols = x.laneMajor ? depth : lanes;
    const row0 = x.laneMajor ? lane0 : p0;
    const col0 = x.laneMajor ? p0 : lane0;
    let ptr: number;
    let ld: number;
    if (x.mask && !(heap.contains(x.data) && heap.contains(x.mask))) throw new RangeError('gemm: a masked operand and its mask must live in kernel memory');
    if (heap.contains(x.data)) {
      ptr = x.data.byteOffset + 4 * (row0 * x.ld + col0);
      ld = x.ld;
    } else {
      for (let r = 0; r < rows; r++) {
        const from = (row0 + r) * x.ld + col0;
        stage.set(x.data.subarray(from, from + cols), r * cols);
      }
      ptr = stage.byteOffset;
      ld = cols;
    }
    // A mask is only passed with an operand in kernel memory (see Fusion), so ptr is in place.
    const masked = x.mask ? 1 : 0;
    const delta = x.mask ? (x.mask.byteOffset - x.data.byteOffset) >>> 0 : 0;
    if (x.laneMajor) kernels.packLaneMajor(ptr, ld, lanes, depth, width, dst.byteOffset, masked, delta);
    else kernels.packDepthMajor(ptr, ld, lanes, depth, width, dst.byteOffset, masked, delta);
  }

  /** Runs the macro-kernel on C's block at (i0, j0), through stageC when C is outside the heap. */
  function multiplyBlock(
    out: Float32Array, n: number, i0: number, rows: number, j0: number, cols: number, depth: number, overwrite: boolean,
    bias: number, relu: number,
  ): void {
    if (heap.contains(out)) {
      const c = out.byteOffset + 4 * (i0 * n + j0);
      kernels.macroKernel(rows, cols, depth, packedA.byteOffset, packedB.byteOffset, c, n, overwrite ? 1 : 0, tile.byteOffset, bias, relu);
      return;
    }
    if (!overwrite) {
      for (let r = 0; r < rows; r++) stageC.set(out.subarray((i0 + r) * n + j0, (i0 + r) * n + j0 + cols), r * cols);
    }
    kernels.macroKernel(
      rows, cols, depth, packedA.byteOffset, packedB.byteOffset, stageC.byteOffset, cols, overwrite ? 1 : 0, tile.byteOffset, bias, relu,
    );
    for (let r = 0; r < rows; r++) out.set(stageC.subarray(r * cols, (r + 1) * cols), (i0 + r) * n + j0);
  }

  return (form, a, b, out, m, n, k, accumulate, fusion = {}) => {
    if (m === 0 || n === 0) return;
    if (k === 0) {
      if (!accumulate) out.fill(0, 0, m * n);
      if (fusion.bias || fusion.relu) throw new RangeError('gemm: a fused bias or ReLU needs a depth of at least 1');
      return;
    }
    // A is stored m×k except in Aᵀ·B (k×m); B is stored k×n except in A·Bᵀ (n×k).
    const opA: Operand = form === 'Aᵀ·B'
      ? { data: a, laneMajor: false, ld: m, mask: fusion.maskA } : { data: a, laneMajor: true, ld: k, mask: fusion.maskA };
    const opB: Operand = form === 'A·Bᵀ'
      ? { data: b, laneMajor: true, ld: k, mask: fusion.maskB } : { data: b, laneMajor: false, ld: n, mask: fusion.maskB };
    const relu = fusion.relu ? 1 : 0;
    const kc = depthBlock(k);
    for (let j0 = 0; j0 < n; j0 += NC) {
      const cols = Math.min(NC, n - j0);
      for (let p0 = 0; p0 < k; p0 += kc) {
        const depth = Math.min(kc, k - p0);
        pack(opB, j0, cols, p0, depth, NR, packedB, stageB);
        for (let i0 = 0; i0 < m; i0 += MC) {
          const rows = Math.min(MC, m - i0);
          pack(opA, i0, rows, p0, depth, MR, packedA, stageA);
          // The epilogue runs as the last depth block is stored.
          const last = p0 + depth >= k;
          const bias = last && fusion.bias ? fusion.bias.byteOffset + 4 * j0 : 0;
          multiplyBlock(out, n, i0, rows, j0, cols, depth, p0 === 0 && !accumulate, bias, last ? relu : 0);
        }
      }
    }
  };
}
