import type { Float } from '../matrix.ts';

// The TypeScript optimizer steps that have WebAssembly twins (../wasm/assembly/update.ts).
// On float32 arrays each operation is rounded to float32 (Math.fround) exactly where the
// twin's f32x4 arithmetic rounds, so both give identical bits: rounding a float64 sum,
// product, quotient or square root of float32 values to float32 gives the correctly
// rounded float32 result. Float64 arrays (gradient checks) are computed in float64.

/**
 * Decaying state (moments, velocity, averages) below this magnitude is stored as zero, so
 * it never enters the denormal range (below 2^-126) where x86 arithmetic is slow.
 */
export const flushBelow = 2 ** -100;

type Round = (x: number) => number;
const exact: Round = (x) => x;
const rounding = (w: Float): Round => (w instanceof Float32Array ? Math.fround : exact);
const flush = (x: number) => (Math.abs(x) < flushBelow ? 0 : x);

/**
 * Adam (Kingma & Ba 2015): m ← β1·m + (1 − β1)·g ; v ← β2·v + (1 − β2)·g·g (both
 * flushed) ; w ← w − (η/c1)·m / (√(v·(1/c2)) + ε), c1 = 1 − β1^t, c2 = 1 − β2^t.
 */
export function adamStep(
  w: Float, g: Float, m: Float, v: Float,
  lr: number, beta1: number, beta2: number, eps: number, t: number, n: number,
): void {
  const f = rounding(w);
  const [b1, b2, e] = [f(beta1), f(beta2), f(eps)];
  const [a1, a2] = [f(1 - b1), f(1 - b2)];
  const lrc = f(lr / (1 - Math.pow(beta1, t)));
  const rc2 = f(1 / (1 - Math.pow(beta2, t)));
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = flush(f(f(b1 * m[i]!) + f(a1 * gi)));
    const vi = flush(f(f(b2 * v[i]!) + f(f(a2 * gi) * gi)));
    m[i] = mi;
    v[i] = vi;
    w[i] = f(w[i]! - f(f(lrc * mi) / f(f(Math.sqrt(f(vi * rc2))) + e)));
  }
}

/** v ← α·v − η·g (flushed) ; w ← w + v (the lecture's Momentum) */
export function momentumStep(w: Float, g: Float, v: Float, lr: number, alpha: number, n: number): void {
  const f = rounding(w);
  const [a, l] = [f(alpha), f(lr)];
  for (let i = 0; i < n; i++) {
    const vi = flush(f(f(a * v[i]!) - f(l * g[i]!)));
    v[i] = vi;
    w[i] = f(w[i]! + vi);
  }
}

/**
 * RMSProp (Tieleman & Hinton 2012): h ← ρ·h + (1 − ρ)·g·g (flushed), or AdaGrad (Duchi
 * et al. 2011) when `adagrad`: h ← h + g·g ; then w ← w − η·g / (√h + ε).
 */
export function scaledStep(w: Float, g: Float, h: Float, lr: number, rho: number, eps: number, adagrad: boolean, n: number): void {
  const f = rounding(w);
  const [r, l, e] = [f(rho), f(lr), f(eps)];
  const a = f(1 - r);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const hi = adagrad ? f(h[i]! + f(gi * gi)) : flush(f(f(r * h[i]!) + f(f(a * gi) * gi)));
    h[i] = hi;
    w[i] = f(w[i]! - f(f(l * gi) / f(f(Math.sqrt(hi)) + e)));
  }
}
