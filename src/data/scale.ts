import { matrix } from '../tensor/matrix.ts';
import type { Dataset } from './dataset.ts';

/** Per-feature mean and standard deviation, fitted on one split and applied to all. */
export interface Standardizer {
  mean: Float64Array;
  sd: Float64Array;
}

/**
 * Fits (x − mean) / sd on `ds`; a constant feature gets sd = 1 so it maps to 0, not NaN.
 *
 * @example
 * const { mean } = fitStandardizer({ x: fromRows([[1], [3]]), y: Int32Array.of(0, 1), classNames: ['a', 'b'], featureNames: ['f'] });
 * mean[0]; // 2
 */
export function fitStandardizer(ds: Dataset): Standardizer {
  const { rows, cols, data } = ds.x;
  const mean = new Float64Array(cols);
  const sd = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j]!;
  for (let j = 0; j < cols; j++) mean[j] /= Math.max(rows, 1);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j]! - mean[j]!;
      sd[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    const s = Math.sqrt(sd[j]! / Math.max(rows, 1));
    sd[j] = s > 1e-12 ? s : 1;
  }
  return { mean, sd };
}

/**
 * A standardised copy of `ds`.
 *
 * @example
 * const ds = { x: fromRows([[1], [3]]), y: Int32Array.of(0, 1), classNames: ['a', 'b'], featureNames: ['f'] };
 * Array.from(standardize(ds, fitStandardizer(ds)).x.data); // [-1, 1]
 */
export function standardize(ds: Dataset, { mean, sd }: Standardizer): Dataset {
  const { rows, cols, data } = ds.x;
  const x = matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) x.data[i * cols + j] = (data[i * cols + j]! - mean[j]!) / sd[j]!;
  }
  return { ...ds, x };
}
