// SMOTE-NC's distance: Chawla et al. (2002) §6.1, with imbalanced-learn's SMOTENC encoding.
// Each differing category adds Med² to the squared Euclidean distance of the numeric columns,
// Med the median of the growing class's numeric standard deviations. In a one-hot block a
// differing category differs in two columns, so each 1 becomes Med/√2: 2·(Med/√2)² = Med².

import { matrix, type Dataset, type Matrix } from '../src/plugin.ts';
import { numericColumns } from './categorical-columns.ts';

/**
 * The median of the population standard deviations (as numpy's `var`) of the numeric
 * columns over `rows`: SMOTE-NC's penalty for a differing category.
 *
 * @example
 * categoricalPenalty(ds, minorityRows); // 0.5 when the stds are 0.4, 0.5, 0.9
 */
export function categoricalPenalty(data: Dataset, rows: readonly number[]): number {
  const { cols, data: x } = data.x;
  const stds = Array.from(numericColumns(data), (j) => {
    let mean = 0;
    for (const i of rows) mean += x[i * cols + j]!;
    mean /= rows.length;
    let s = 0;
    for (const i of rows) s += (x[i * cols + j]! - mean) ** 2;
    return Math.sqrt(s / rows.length);
  }).sort((a, b) => a - b);
  const mid = stds.length >> 1;
  return stds.length % 2 === 1 ? stds[mid]! : (stds[mid - 1]! + stds[mid]!) / 2;
}

/**
 * The rows of `data` (all of them when `rows` is absent) as points whose Euclidean distance is
 * SMOTE-NC's: numeric columns as they are, each one-hot 1 as penalty/√2, each 0 as 0.
 *
 * @example
 * neighbourIndex(penalisedPoints(ds, categoricalPenalty(ds, rows), rows)).nearest(5);
 */
export function penalisedPoints(data: Dataset, penalty: number, rows?: readonly number[]): Matrix {
  const { cols, data: x } = data.x;
  const take = rows ?? Array.from({ length: data.x.rows }, (_, i) => i);
  const out = matrix(take.length, cols, 'float64');
  const scaled = penalty / Math.SQRT2;
  take.forEach((i, r) => out.data.set(x.subarray(i * cols, (i + 1) * cols), r * cols));
  for (const g of data.categorical ?? []) {
    for (let r = 0; r < take.length; r++) {
      for (let j = g.start; j < g.start + g.levels.length; j++) out.data[r * cols + j] = out.data[r * cols + j] === 0 ? 0 : scaled;
    }
  }
  return out;
}
