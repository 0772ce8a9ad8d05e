import { activeWasm } from './backend.ts';
import type { Float } from './matrix.ts';
import * as reference from './reference/update.ts';

// Optimizer steps over flat parameter arrays. Each follows its paper's update rule;
// `n` is the parameter count.

/** w ← w − η·g */
export function sgdStep(w: Float, g: Float, lr: number, n: number): void {
  for (let i = 0; i < n; i++) w[i] -= lr * g[i]!;
}

/** v ← α·v − η·g ; w ← w + v (the lecture's Momentum) */
export function momentumStep(w: Float, g: Float, v: Float, lr: number, alpha: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const vi = alpha * v[i]! - lr * g[i]!;
    v[i] = vi;
    w[i] += vi;
  }
}

/** h ← h + g⊙g ; w ← w − η·g / (√h + ε) (AdaGrad, Duchi et al. 2011) */
export function adagradStep(w: Float, g: Float, h: Float, lr: number, eps: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const hi = h[i]! + gi * gi;
    h[i] = hi;
    w[i] -= (lr * gi) / (Math.sqrt(hi) + eps);
  }
}

/** h ← ρ·h + (1 − ρ)·g⊙g ; w ← w − η·g / (√h + ε) (RMSProp, Tieleman & Hinton 2012) */
export function rmspropStep(w: Float, g: Float, h: Float, lr: number, rho: number, eps: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const hi = rho * h[i]! + (1 - rho) * gi * gi;
    h[i] = hi;
    w[i] -= (lr * gi) / (Math.sqrt(hi) + eps);
  }
}

/**
 * Adam (Kingma & Ba 2015): m ← β1·m + (1 − β1)·g ; v ← β2·v + (1 − β2)·g² ;
 * w ← w − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t).
 * Runs in WebAssembly when all four arrays live in the kernel memory; same bits either way.
 */
export function adamStep(
  w: Float, g: Float, m: Float, v: Float,
  lr: number, beta1: number, beta2: number, eps: number, t: number, n: number,
): void {
  const wasm = activeWasm();
  if (wasm && wasm.heap.contains(w) && wasm.heap.contains(g) && wasm.heap.contains(m) && wasm.heap.contains(v)) {
    const c1 = 1 - Math.pow(beta1, t);
    const c2 = 1 - Math.pow(beta2, t);
    wasm.kernels.adamStep(w.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, lr, beta1, beta2, eps, c1, c2, n);
  } else {
    reference.adamStep(w, g, m, v, lr, beta1, beta2, eps, t, n);
  }
}

/** Adds λ·sign(w) to g and returns λ·Σ|w| (the L1 penalty). */
export function l1Penalty(w: Float, g: Float, lambda: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    sum += Math.abs(wi);
    g[i] += lambda * Math.sign(wi);
  }
  return lambda * sum;
}

/** Adds 2λ·w to g and returns λ·Σw² (the L2 penalty). */
export function l2Penalty(w: Float, g: Float, lambda: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    sum += wi * wi;
    g[i] += 2 * lambda * wi;
  }
  return lambda * sum;
}
