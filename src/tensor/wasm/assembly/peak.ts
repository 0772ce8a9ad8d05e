// The ceiling of the matrix product on this machine: multiply-adds on 128-bit vectors
// from registers alone, no memory traffic, as many independent chains as the registers
// allow, so only the CPU's vector units bound the rate. The blocked product cannot beat it.
import { madd } from './fma';

/**
 * Runs `iterations` × 12 independent f32x4 multiply-adds (8 flops each: 4 lanes × 2) and
 * returns a lane of their sum so none is optimised away. Each chain x ← x·a + b converges
 * (|a| < 1), so no value overflows or turns denormal.
 */
export function fmaPeak(iterations: i32): f32 {
  const a = f32x4.splat(0.5), b = f32x4.splat(0.25);
  let x0 = f32x4.splat(0), x1 = f32x4.splat(1), x2 = f32x4.splat(2), x3 = f32x4.splat(3);
  let x4 = f32x4.splat(4), x5 = f32x4.splat(5), x6 = f32x4.splat(6), x7 = f32x4.splat(7);
  let x8 = f32x4.splat(8), x9 = f32x4.splat(9), x10 = f32x4.splat(10), x11 = f32x4.splat(11);
  for (let i = 0; i < iterations; i++) {
    x0 = madd(x0, a, b);
    x1 = madd(x1, a, b);
    x2 = madd(x2, a, b);
    x3 = madd(x3, a, b);
    x4 = madd(x4, a, b);
    x5 = madd(x5, a, b);
    x6 = madd(x6, a, b);
    x7 = madd(x7, a, b);
    x8 = madd(x8, a, b);
    x9 = madd(x9, a, b);
    x10 = madd(x10, a, b);
    x11 = madd(x11, a, b);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(x0, x1), f32x4.add(x2, x3)), f32x4.add(f32x4.add(x4, x5), f32x4.add(x6, x7)));
  return f32x4.extract_lane(f32x4.add(s, f32x4.add(f32x4.add(x8, x9), f32x4.add(x10, x11))), 0);
}
