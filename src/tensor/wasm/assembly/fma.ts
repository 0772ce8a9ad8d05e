// The one place where the two builds differ. Built with relaxed SIMD (the relaxed-simd
// build), c + a·b is `f32x4.relaxed_madd`: one fused multiply-add, rounded once, on CPUs
// with FMA (and two roundings elsewhere, which the relaxed-SIMD proposal allows). The
// SIMD build rounds the product and the sum separately, as the TypeScript reference does.

/** c + a·b, lane by lane; fused in the relaxed-simd build. */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
