// The inner layers of a blocked matrix product (Goto & van de Geijn 2008, "Anatomy of
// high-performance matrix multiplication", in the BLIS loop order of Van Zee & van de
// Geijn 2015). The JavaScript driver (../gemm.ts) walks the cache blocks and calls these:
// two packing routines that copy a block of an operand into contiguous strips, and the
// macro-kernel that runs a register-blocked 4×8 micro-kernel over the packed strips.
//
// Pointers are byte offsets into the imported memory. A packed strip of width W holds W
// lanes (rows of op(A), or columns of op(B)) interleaved: element (lane, p) sits at
// strip[p * W + lane % W], so the micro-kernel reads both operands strictly forwards.
import { madd } from './fma';

/** Rows of C per micro-tile: 4 broadcasts of A per step. */
const MR: i32 = 4;
/** Columns of C per micro-tile: two f32x4 vectors of B per step (8 accumulators in all,
 * so V8 keeps every accumulator in an xmm register: 4×16 and 6×8 tiles spill). */
const NR: i32 = 8;

/**
 * Packs a lanes×depth block whose element (lane, p) is at src[lane * ld + p] (each lane
 * contiguous): four lanes at a time, 4×4 in-register transposes. Lanes past `lanes`
 * are written as zeros, so a partial strip computes garbage-free padding.
 */
export function packLaneMajor(src: usize, ld: i32, lanes: i32, depth: i32, width: i32, dst: usize): void {
  const ldBytes = <usize>ld << 2;
  const stride = <usize>width << 2;
  for (let l = 0; l < lanes; l += width) {
    for (let g = 0; g < width; g += 4) {
      const out = dst + (<usize>g << 2);
      const left = lanes - l - g;
      const r0 = src + <usize>(l + g) * ldBytes;
      if (left >= 4) {
        const r1 = r0 + ldBytes, r2 = r1 + ldBytes, r3 = r2 + ldBytes;
        let p = 0;
        for (; p + 4 <= depth; p += 4) {
          const o = <usize>p << 2;
          const x0 = v128.load(r0 + o), x1 = v128.load(r1 + o), x2 = v128.load(r2 + o), x3 = v128.load(r3 + o);
          const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
          const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
          const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
          const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
          const d = out + <usize>p * stride;
          v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
          v128.store(d + stride, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
          v128.store(d + 2 * stride, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
          v128.store(d + 3 * stride, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
        }
        for (; p < depth; p++) {
          const o = <usize>p << 2;
          const d = out + <usize>p * stride;
          store<f32>(d, load<f32>(r0 + o));
          store<f32>(d, load<f32>(r1 + o), 4);
          store<f32>(d, load<f32>(r2 + o), 8);
          store<f32>(d, load<f32>(r3 + o), 12);
        }
      } else {
        for (let p = 0; p < depth; p++) {
          const d = out + <usize>p * stride;
          for (let r = 0; r < 4; r++) {
            const value: f32 = r < left ? load<f32>(r0 + <usize>r * ldBytes + (<usize>p << 2)) : 0;
            store<f32>(d + (<usize>r << 2), value);
          }
        }
      }
    }
    dst += <usize>(depth * width) << 2;
  }
}

/**
 * Packs a lanes×depth block whose element (lane, p) is at src[p * ld + lane] (each step
 * of p contiguous): plain vector copies. Lanes past `lanes` are written as zeros.
 */
export function packDepthMajor(src: usize, ld: i32, lanes: i32, depth: i32, width: i32, dst: usize): void {
  const ldBytes = <usize>ld << 2;
  const stride = <usize>width << 2;
  const stripBytes = <usize>(depth * width) << 2;
  let l = 0;
  // Sixteen lanes, one cache line of each source row, fill 16 / width strips at once: one
  // strip at a time re-read each line per strip, and with a power-of-two ld the lines of
  // a strip's rows crowd a few cache sets and are evicted before the next strip.
  for (; l + 16 <= lanes; l += 16) {
    let s = src + (<usize>l << 2);
    let d = dst;
    if (width == 4) {
      for (let p = 0; p < depth; p++) {
        v128.store(d, v128.load(s));
        v128.store(d + stripBytes, v128.load(s, 16));
        v128.store(d + 2 * stripBytes, v128.load(s, 32));
        v128.store(d + 3 * stripBytes, v128.load(s, 48));
        s += ldBytes;
        d += 16;
      }
    } else {
      for (let p = 0; p < depth; p++) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        v128.store(d + stripBytes, v128.load(s, 32));
        v128.store(d + stripBytes, v128.load(s, 48), 16);
        s += ldBytes;
        d += 32;
      }
    }
    dst += <usize>(16 * depth) << 2;
  }
  for (; l < lanes; l += width) {
    const count = min<i32>(width, lanes - l);
    let s = src + (<usize>l << 2);
    let d = dst;
    for (let p = 0; p < depth; p++) {
      if (count == width) {
        for (let g = 0; g < width; g += 4) v128.store(d + (<usize>g << 2), v128.load(s + (<usize>g << 2)));
      } else {
        for (let c = 0; c < width; c++) {
          const value: f32 = c < count ? load<f32>(s + (<usize>c << 2)) : 0;
          store<f32>(d + (<usize>c << 2), value);
        }
      }
      s += ldBytes;
      d += stride;
    }
    dst += stripBytes;
  }
}

/**
 * One 4×8 tile: C[0..4, 0..8] (+)= Ap · Bp over `depth` steps. Each sum starts at zero
 * and adds one product per step, then is stored (`overwrite`) or added to C, so every
 * element's rounding depends on the depth split alone, never on where the tile lies.
 */
// @ts-ignore: decorator
@inline
function microKernel(depth: i32, a: usize, b: usize, c: usize, ldcBytes: usize, overwrite: bool): void {
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
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c2, c20);
  v128.store(c2, c21, 16);
  v128.store(c3, c30);
  v128.store(c3, c31, 16);
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
 */
export function macroKernel(
  rows: i32, cols: i32, depth: i32, ap: usize, bp: usize, c: usize, ldc: i32, overwrite: bool, tile: usize,
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
        microKernel(depth, a, b, target, ldcBytes, overwrite);
      } else {
        if (w <= 4) narrowMicroKernel(depth, a, b, tile, NR << 2);
        else microKernel(depth, a, b, tile, NR << 2, true);
        for (let r = 0; r < h; r++) {
          const from = tile + (<usize>(r * NR) << 2);
          const to = target + <usize>r * ldcBytes;
          for (let q = 0; q < w; q++) {
            const o = <usize>q << 2;
            const value = load<f32>(from + o);
            store<f32>(to + o, overwrite ? value : load<f32>(to + o) + value);
          }
        }
      }
    }
  }
}
