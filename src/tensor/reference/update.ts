import type { Float } from '../matrix.ts';

// The TypeScript optimizer steps that have WebAssembly twins (../wasm/assembly/update.ts).
// Sums are carried in float64 and rounded to float32 on store, exactly as the twins do.

/**
 * Adam (Kingma & Ba 2015): m ← β1·m + (1 − β1)·g ; v ← β2·v + (1 − β2)·g² ;
 * w ← w − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t).
 */
export function adamStep(
  w: Float, g: Float, m: Float, v: Float,
  lr: number, beta1: number, beta2: number, eps: number, t: number, n: number,
): void {
  const c1 = 1 - Math.pow(beta1, t);
  const c2 = 1 - Math.pow(beta2, t);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
}

