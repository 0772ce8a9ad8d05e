// Optimizer steps. Like their TypeScript references (../../reference/update.ts) they
// compute in float64 and round to float32 only when storing, with the same operations in
// the same order, so both give identical bits: f32x4 arithmetic would be faster but would
// make results depend on which backend ran.

/** Four floats from `p` as two f64x2 halves (low, high). */
// @ts-ignore: decorator
@inline
function loadHigh(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p, 8));
}

// @ts-ignore: decorator
@inline
function loadLow(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** Rounds two f64x2 halves to float32 and stores the four floats at `p`. */
// @ts-ignore: decorator
@inline
function storeFour(p: usize, low: v128, high: v128): void {
  v128.store(p, v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5));
}

/**
 * Adam (Kingma & Ba 2015) over n parameters: m ← β1·m + (1 − β1)·g,
 * v ← β2·v + (1 − β2)·g², w ← w − η·(m / c1) / (√(v / c2) + ε), where c1 = 1 − β1^t and
 * c2 = 1 − β2^t come from the caller.
 */
export function adamStep(
  w: usize, g: usize, m: usize, v: usize, lr: f64, beta1: f64, beta2: f64, eps: f64, c1: f64, c2: f64, n: i32,
): void {
  const B1 = f64x2.splat(beta1), B2 = f64x2.splat(beta2);
  const A1 = f64x2.splat(1 - beta1), A2 = f64x2.splat(1 - beta2);
  const LR = f64x2.splat(lr), EPS = f64x2.splat(eps), C1 = f64x2.splat(c1), C2 = f64x2.splat(c2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gl = loadLow(g + o), gh = loadHigh(g + o);
    const ml = f64x2.add(f64x2.mul(B1, loadLow(m + o)), f64x2.mul(A1, gl));
    const mh = f64x2.add(f64x2.mul(B1, loadHigh(m + o)), f64x2.mul(A1, gh));
    const vl = f64x2.add(f64x2.mul(B2, loadLow(v + o)), f64x2.mul(f64x2.mul(A2, gl), gl));
    const vh = f64x2.add(f64x2.mul(B2, loadHigh(v + o)), f64x2.mul(f64x2.mul(A2, gh), gh));
    storeFour(m + o, ml, mh);
    storeFour(v + o, vl, vh);
    const ul = f64x2.div(f64x2.mul(LR, f64x2.div(ml, C1)), f64x2.add(f64x2.sqrt(f64x2.div(vl, C2)), EPS));
    const uh = f64x2.div(f64x2.mul(LR, f64x2.div(mh, C1)), f64x2.add(f64x2.sqrt(f64x2.div(vh, C2)), EPS));
    storeFour(w + o, f64x2.sub(loadLow(w + o), ul), f64x2.sub(loadHigh(w + o), uh));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = <f64>load<f32>(g + o);
    const mi = beta1 * <f64>load<f32>(m + o) + (1 - beta1) * gi;
    const vi = beta2 * <f64>load<f32>(v + o) + (1 - beta2) * gi * gi;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    store<f32>(w + o, <f32>(<f64>load<f32>(w + o) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps)));
  }
}
