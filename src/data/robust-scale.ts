/**
 * Robust scaling with smooth clipping, as RealMLP preprocesses numeric columns (Holzmüller et
 * al. 2024, "Better by Default: Strong Pre-Tuned MLPs and Boosted Trees on Tabular Data";
 * pytabkit's RobustScaleSmoothClipTransform): centre on the median, divide by the
 * interquartile range (half the range when that is 0, and map a constant column to 0), then
 * x / sqrt(1 + (x/3)²), which leaves the bulk nearly linear and bounds outliers by ±3.
 */

/** The `p` quantile of sorted values, interpolated linearly between neighbours (numpy's default). */
export function quantile(sorted: Float64Array, p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Centre and factor of one column: the transform is z = (x − center) · factor, then smooth clipping. */
export interface RobustFit {
  center: number;
  factor: number;
}

/**
 * Fits the robust scale of sorted training values.
 *
 * @example
 * robustFit(Float64Array.of(1, 2, 3, 4, 100)); // { center: 3, factor: 0.5 }
 */
export function robustFit(sorted: Float64Array): RobustFit {
  const center = quantile(sorted, 0.5);
  let range = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  if (range === 0) range = 0.5 * (sorted[sorted.length - 1]! - sorted[0]!);
  return { center, factor: range === 0 ? 0 : 1 / (range + 1e-30) };
}

/** The smooth clip x / sqrt(1 + (x/3)²): about x near 0, tending to ±3. */
export function smoothClip(z: number): number {
  return z / Math.sqrt(1 + (z / 3) ** 2);
}

/** The inverse of `smoothClip` on (−3, 3), for writing values back in raw units. */
export function unclip(y: number): number {
  const bounded = Math.max(-2.999999, Math.min(2.999999, y));
  return bounded / Math.sqrt(1 - (bounded / 3) ** 2);
}
