// The inner layers of a blocked matrix product (Goto & van de Geijn 2008, "Anatomy of
// high-performance matrix multiplication", in the BLIS loop order of Van Zee & van de
// Geijn 2015). The JavaScript driver (../gemm.ts) walks the cache blocks, packs them
// (./pack.ts) and calls the macro-kernel here, which runs a register-blocked 4×8
// micro-kernel over the packed strips. Pointers are byte offsets into the imported memory.
import { madd } from './fma';

/** Rows of C per micro-tile: 4 broadcasts of A per step. */
const MR: i32 = 4;
/**
 * Columns of C per micro-tile: two f32x4 vectors of B per step, 8 accumulators. Measured
 * with fused multiply-adds (which need no temporary register) on this project's AMD EPYC:
 * 4×8 ran A·B 128×784·784×256 at 54 GFLOP/s in both builds, 6×8 (12 accumulators) at
 * 11: V8 spills. 4×8 at 54 is already the 128-bit peak of two multiply-adds per cycle,
 * so FMA gains no speed here, only one rounding per step.
 */
const NR: i32 = 8;

/**
 * One 4×8 tile: C[0..4, 0..8] (+)= Ap · Bp over `depth` steps. Each sum starts at zero
 * and adds one product per step, then is stored (`overwrite`) or added to C, so every
 * element's rounding depends on the depth split alone, never on where the tile lies.
 */
// @ts-ignore: decorator
@inline
function microKernel(depth: i32, a: usize, b: usize, c: usize, ldcBytes: usize, overwrite: bool, bias: usize, relu: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  // Not unrolled: with two steps per iteration V8 spilled and ran a third slower.
  for (let p = 0; p < depth; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a, 4);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a, 8);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a, 12);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    a += MR << 2;
    b += NR << 2;
  }
  const c1 = c + ldcBytes, c2 = c1 + ldcBytes, c3 = c2 + ldcBytes;
  if (!overwrite) {
    c00 = f32x4.add(v128.load(c), c00);
    c01 = f32x4.add(v128.load(c, 16), c01);
    c10 = f32x4.add(v128.load(c1), c10);
    c11 = f32x4.add(v128.load(c1, 16), c11);
    c20 = f32x4.add(v128.load(c2), c20);
    c21 = f32x4.add(v128.load(c2, 16), c21);
    c30 = f32x4.add(v128.load(c3), c30);
    c31 = f32x4.add(v128.load(c3, 16), c31);
  }
  if (bias) {
    const b0 = v128.load(bias), b1 = v128.load(bias, 16);
    c00 = f32x4.add(c00, b0);
    c01 = f32x4.add(c01, b1);
    c10 = f32x4.add(c10, b0);
    c11 = f32x4.add(c11, b1);
    c20 = f32x4.add(c20, b0);
    c21 = f32x4.add(c21, b1);
    c30 = f32x4.add(c30, b0);
    c31 = f32x4.add(c31, b1);
  }
  if (relu) {
    c00 = positive(c00);
    c01 = positive(c01);
    c10 = positive(c10);
    c11 = positive(c11);
    c20 = positive(c20);
    c21 = positive(c21);
    c30 = positive(c30);
    c31 = positive(c31);
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c2, c20);
  v128.store(c2, c21, 16);
  v128.store(c3, c30);
  v128.store(c3, c31, 16);
}

/** max(0, x) lane by lane, with NaN and −0 mapped to +0 as reluForward does. */
// @ts-ignore: decorator
@inline
function positive(x: v128): v128 {
  return v128.and(x, f32x4.gt(x, f32x4.splat(0)));
}

/**
 * A 4×4 tile over the first four columns of an 8-wide strip of B: for the last strip
 * when at most four columns remain (n = 10 leaves two), where the 4×8 tile would waste
 * most of its work. Same sums, in the same order, as `microKernel`.
 */
// @ts-ignore: decorator
@inline
function narrowMicroKernel(depth: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  for (let p = 0; p < depth; p++) {
    const b0 = v128.load(b);
    c0 = madd(v128.load32_splat(a), b0, c0);
    c1 = madd(v128.load32_splat(a, 4), b0, c1);
    c2 = madd(v128.load32_splat(a, 8), b0, c2);
    c3 = madd(v128.load32_splat(a, 12), b0, c3);
    a += MR << 2;
    b += NR << 2;
  }
  v128.store(c, c0);
  v128.store(c + ldcBytes, c1);
  v128.store(c + 2 * ldcBytes, c2);
  v128.store(c + 3 * ldcBytes, c3);
}

/**
 * C (rows×cols, leading dimension ldc) (+)= op(A) · op(B) over one depth block, from a
 * packed A (strips of 4 rows) and a packed B (strips of 8 columns). Edge tiles are
 * computed into `tile` (32 floats of scratch) and only their valid part copied.
 *
 * The epilogue, for the last depth block: `bias` (a row vector of `cols`, or 0 for none)
 * added to every row, then ReLU when `relu`, as each tile is stored. Each element gets
 * the operations addRowVector and reluForward would apply after the product, in the same
 * order, so the fused result has the same bits; the output is just not read twice more.
 */
export function macroKernel(
  rows: i32, cols: i32, depth: i32, ap: usize, bp: usize, c: usize, ldc: i32, overwrite: bool, tile: usize, bias: usize, relu: bool,
): void {
  const ldcBytes = <usize>ldc << 2;
  const stripBytesA = <usize>(depth * MR) << 2;
  const stripBytesB = <usize>(depth * NR) << 2;
  // Column strips outside, row strips inside: one strip of B stays in L1 while the
  // packed A block streams from L2.
  for (let j = 0; j < cols; j += NR) {
    const b = bp + <usize>(j / NR) * stripBytesB;
    const w = min<i32>(NR, cols - j);
    for (let i = 0; i < rows; i += MR) {
      const a = ap + <usize>(i / MR) * stripBytesA;
      const h = min<i32>(MR, rows - i);
      const target = c + <usize>i * ldcBytes + (<usize>j << 2);
      if (h == MR && w == NR) {
        microKernel(depth, a, b, target, ldcBytes, overwrite, bias ? bias + (<usize>j << 2) : 0, relu);
      } else {
        if (w <= 4) narrowMicroKernel(depth, a, b, tile, NR << 2);
        else microKernel(depth, a, b, tile, NR << 2, true, 0, false);
        for (let r = 0; r < h; r++) {
          const from = tile + (<usize>(r * NR) << 2);
          const to = target + <usize>r * ldcBytes;
          for (let q = 0; q < w; q++) {
            const o = <usize>q << 2;
            let value = load<f32>(from + o);
            if (!overwrite) value = load<f32>(to + o) + value;
            if (bias) value = value + load<f32>(bias + (<usize>(j + q) << 2));
            if (relu) value = value > 0 ? value : 0;
            store<f32>(to + o, value);
          }
        }
      }
    }
  }
}
