// Packing for the blocked product (./gemm.ts): a block of an operand is copied into
// contiguous strips of W lanes (rows of op(A), or columns of op(B)), element (lane, p) at
// strip[p * W + lane % W], so the micro-kernel reads both operands strictly forwards. A
// mask may be applied as the block is loaded (the backward of a ReLU).

/**
 * Four floats at `p`, zeroed where the mask (at p + delta, same layout) is not > 0: the
 * backward of a ReLU applied as its gradient is loaded (`x > 0 ? dy : 0`, as
 * reluBackward). Unmasked when `masked` is false.
 */
// @ts-ignore: decorator
@inline
function loadMasked(p: usize, delta: usize, masked: bool): v128 {
  const v = v128.load(p);
  return masked ? v128.and(v, f32x4.gt(v128.load(p + delta), f32x4.splat(0))) : v;
}

/** One float at `p`, masked like `loadMasked`. */
// @ts-ignore: decorator
@inline
function loadMaskedOne(p: usize, delta: usize, masked: bool): f32 {
  return masked && !(load<f32>(p + delta) > 0) ? 0 : load<f32>(p);
}

/**
 * Packs a lanes×depth block whose element (lane, p) is at src[lane * ld + p] (each lane
 * contiguous): four lanes at a time, 4×4 in-register transposes. Lanes past `lanes`
 * are written as zeros, so a partial strip computes garbage-free padding.
 */
export function packLaneMajor(src: usize, ld: i32, lanes: i32, depth: i32, width: i32, dst: usize, masked: bool, delta: usize): void {
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
          const x0 = loadMasked(r0 + o, delta, masked), x1 = loadMasked(r1 + o, delta, masked);
          const x2 = loadMasked(r2 + o, delta, masked), x3 = loadMasked(r3 + o, delta, masked);
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
          store<f32>(d, loadMaskedOne(r0 + o, delta, masked));
          store<f32>(d, loadMaskedOne(r1 + o, delta, masked), 4);
          store<f32>(d, loadMaskedOne(r2 + o, delta, masked), 8);
          store<f32>(d, loadMaskedOne(r3 + o, delta, masked), 12);
        }
      } else {
        for (let p = 0; p < depth; p++) {
          const d = out + <usize>p * stride;
          for (let r = 0; r < 4; r++) {
            const value: f32 = r < left ? loadMaskedOne(r0 + <usize>r * ldBytes + (<usize>p << 2), delta, masked) : 0;
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
export function packDepthMajor(src: usize, ld: i32, lanes: i32, depth: i32, width: i32, dst: usize, masked: bool, delta: usize): void {
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
        v128.store(d, loadMasked(s, delta, masked));
        v128.store(d + stripBytes, loadMasked(s + 16, delta, masked));
        v128.store(d + 2 * stripBytes, loadMasked(s + 32, delta, masked));
        v128.store(d + 3 * stripBytes, loadMasked(s + 48, delta, masked));
        s += ldBytes;
        d += 16;
      }
    } else {
      for (let p = 0; p < depth; p++) {
        v128.store(d, loadMasked(s, delta, masked));
        v128.store(d, loadMasked(s + 16, delta, masked), 16);
        v128.store(d + stripBytes, loadMasked(s + 32, delta, masked));
        v128.store(d + stripBytes, loadMasked(s + 48, delta, masked), 16);
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
        for (let g = 0; g < width; g += 4) v128.store(d + (<usize>g << 2), loadMasked(s + (<usize>g << 2), delta, masked));
      } else {
        for (let c = 0; c < width; c++) {
          const value: f32 = c < count ? loadMaskedOne(s + (<usize>c << 2), delta, masked) : 0;
          store<f32>(d + (<usize>c << 2), value);
        }
      }
      s += ldBytes;
      d += stride;
    }
    dst += stripBytes;
  }
}
