import type { Float } from '../tensor/matrix.ts';

/**
 * Central differences: ∂f/∂v_i ≈ (f(v_i + h) − f(v_i − h)) / 2h for every entry of `values`,
 * which `f` reads. Meant for float64 storage; `values` is restored afterwards.
 *
 * @example
 * const numeric = numericalGradient(() => lossOf(model), weight.data);
 */
export function numericalGradient(f: () => number, values: Float, h = 1e-5): Float64Array {
  const grad = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const saved = values[i]!;
    values[i] = saved + h;
    const plus = f();
    values[i] = saved - h;
    const minus = f();
    values[i] = saved;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/** ‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are zero: the usual gradient-check figure. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  const denominator = Math.sqrt(na) + Math.sqrt(nb);
  return denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
}
