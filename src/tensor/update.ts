import { activeWasm, type WasmRuntime } from './backend.ts';
import type { Float } from './matrix.ts';
import * as reference from './reference/update.ts';

// Optimizer steps over flat parameter arrays. Each follows its paper's update rule;
// `n` is the parameter count.

/** w ← w − η·g */
export function sgdStep(w: Float, g: Float, lr: number, n: number): void {
  for (let i = 0; i < n; i++) w[i] -= lr * g[i]!;
}

/** Whether every array lives in the kernel memory of the active WebAssembly build. */
function onWasm(...arrays: Float[]): WasmRuntime | null {
  const wasm = activeWasm();
  return wasm && arrays.every((a) => wasm.heap.contains(a)) ? wasm : null;
}

/** v ← α·v − η·g ; w ← w + v (the lecture's Momentum); v below 2^-100 is flushed to zero. */
export function momentumStep(w: Float, g: Float, v: Float, lr: number, alpha: number, n: number): void {
  const wasm = onWasm(w, g, v);
  if (wasm) wasm.kernels.momentumStep(w.byteOffset, g.byteOffset, v.byteOffset, lr, alpha, n);
  else reference.momentumStep(w, g, v, lr, alpha, n);
}

/** h ← h + g⊙g ; w ← w − η·g / (√h + ε) (AdaGrad, Duchi et al. 2011) */
export function adagradStep(w: Float, g: Float, h: Float, lr: number, eps: number, n: number): void {
  const wasm = onWasm(w, g, h);
  if (wasm) wasm.kernels.scaledStep(w.byteOffset, g.byteOffset, h.byteOffset, lr, 0, eps, 1, n);
  else reference.scaledStep(w, g, h, lr, 0, eps, true, n);
}

/** h ← ρ·h + (1 − ρ)·g⊙g ; w ← w − η·g / (√h + ε) (RMSProp, Tieleman & Hinton 2012); h below 2^-100 is flushed. */
export function rmspropStep(w: Float, g: Float, h: Float, lr: number, rho: number, eps: number, n: number): void {
  const wasm = onWasm(w, g, h);
  if (wasm) wasm.kernels.scaledStep(w.byteOffset, g.byteOffset, h.byteOffset, lr, rho, eps, 0, n);
  else reference.scaledStep(w, g, h, lr, rho, eps, false, n);
}

/**
 * Adam (Kingma & Ba 2015): m ← β1·m + (1 − β1)·g ; v ← β2·v + (1 − β2)·g² ;
 * w ← w − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t); m and v below
 * 2^-100 are flushed to zero. Runs in WebAssembly when all four arrays live in the kernel
 * memory; the same bits either way.
 */
export function adamStep(
  w: Float, g: Float, m: Float, v: Float,
  lr: number, beta1: number, beta2: number, eps: number, t: number, n: number,
): void {
  const wasm = onWasm(w, g, m, v);
  if (wasm) {
    const lrc = lr / (1 - Math.pow(beta1, t));
    const rc2 = 1 / (1 - Math.pow(beta2, t));
    wasm.kernels.adamStep(w.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, lrc, beta1, beta2, eps, rc2, n);
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
