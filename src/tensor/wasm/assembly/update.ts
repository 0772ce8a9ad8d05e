// Optimizer steps in f32x4. Each performs the same float32 operations, in the same order,
// as its TypeScript reference (../../reference/update.ts), so the two agree bit for bit.
//
// State that only decays (Adam's moments, Momentum's velocity, RMSProp's average) is
// flushed to zero once its magnitude falls below FLUSH_BELOW = 2^-100 ≈ 7.9e-31: a weight
// whose gradient stays zero (a dead ReLU unit) would otherwise decay into the denormal
// range (below 2^-126), where x86 arithmetic slows by a factor of ten or more.

/** Magnitudes below this are stored as zero (see above; the reference uses the same value). */
const FLUSH_BELOW: f32 = 7.888609052210118e-31; // 2^-100

/** x, or 0 where |x| < FLUSH_BELOW (NaN kept). */
// @ts-ignore: decorator
@inline
function flush(x: v128): v128 {
  return v128.andnot(x, f32x4.lt(f32x4.abs(x), f32x4.splat(FLUSH_BELOW)));
}

// @ts-ignore: decorator
@inline
function flushOne(x: f32): f32 {
  return abs<f32>(x) < FLUSH_BELOW ? 0 : x;
}

/**
 * Adam (Kingma & Ba 2015): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g·g, both flushed,
 * w ← w − (η/c1)·m / (√(v·(1/c2)) + ε), with c1 = 1 − β1^t and c2 = 1 − β2^t folded
 * into `lrc` = η/c1 and `rc2` = 1/c2 by the caller.
 */
export function adamStep(
  w: usize, g: usize, m: usize, v: usize, lrc: f32, beta1: f32, beta2: f32, eps: f32, rc2: f32, n: i32,
): void {
  const b1 = f32x4.splat(beta1), b2 = f32x4.splat(beta2);
  const a1 = f32x4.splat(1 - beta1), a2 = f32x4.splat(1 - beta2);
  const lr = f32x4.splat(lrc), e = f32x4.splat(eps), r2 = f32x4.splat(rc2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = flush(f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(a1, gi)));
    const vi = flush(f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(f32x4.mul(a2, gi), gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const step = f32x4.div(f32x4.mul(lr, mi), f32x4.add(f32x4.sqrt(f32x4.mul(vi, r2)), e));
    v128.store(w + o, f32x4.sub(v128.load(w + o), step));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = flushOne(beta1 * load<f32>(m + o) + (1 - beta1) * gi);
    const vi = flushOne(beta2 * load<f32>(v + o) + (1 - beta2) * gi * gi);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(w + o, load<f32>(w + o) - (lrc * mi) / (sqrt<f32>(vi * rc2) + eps));
  }
}

/** Momentum (the lecture's): v ← α·v − η·g, flushed; w ← w + v. */
export function momentumStep(w: usize, g: usize, v: usize, lr: f32, alpha: f32, n: i32): void {
  const a = f32x4.splat(alpha), l = f32x4.splat(lr);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const vi = flush(f32x4.sub(f32x4.mul(a, v128.load(v + o)), f32x4.mul(l, v128.load(g + o))));
    v128.store(v + o, vi);
    v128.store(w + o, f32x4.add(v128.load(w + o), vi));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const vi = flushOne(alpha * load<f32>(v + o) - lr * load<f32>(g + o));
    store<f32>(v + o, vi);
    store<f32>(w + o, load<f32>(w + o) + vi);
  }
}

/**
 * RMSProp (Tieleman & Hinton 2012) when `rho` < 1: h ← ρ·h + (1 − ρ)·g·g, flushed;
 * AdaGrad (Duchi et al. 2011) when `adagrad`: h ← h + g·g. Then w ← w − (η·g) / (√h + ε).
 */
export function scaledStep(w: usize, g: usize, h: usize, lr: f32, rho: f32, eps: f32, adagrad: bool, n: i32): void {
  const r = f32x4.splat(rho), a = f32x4.splat(1 - rho), l = f32x4.splat(lr), e = f32x4.splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const hi = adagrad
      ? f32x4.add(v128.load(h + o), f32x4.mul(gi, gi))
      : flush(f32x4.add(f32x4.mul(r, v128.load(h + o)), f32x4.mul(f32x4.mul(a, gi), gi)));
    v128.store(h + o, hi);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.div(f32x4.mul(l, gi), f32x4.add(f32x4.sqrt(hi), e))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const hi = adagrad ? load<f32>(h + o) + gi * gi : flushOne(rho * load<f32>(h + o) + (1 - rho) * gi * gi);
    store<f32>(h + o, hi);
    store<f32>(w + o, load<f32>(w + o) - (lr * gi) / (sqrt<f32>(hi) + eps));
  }
}
