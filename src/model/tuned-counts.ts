import { labelCounts, type LabelCounts } from '../metrics/label-counts.ts';
import type { RowLeaders } from './row-leaders.ts';

/**
 * Where each row turns to class c as c's bias rises through ascending `values`: the first index
 * at which c beats the row's best other class, by the very comparison `predictWithBias` makes
 * (`values.length` when it never does). The sum is monotone in the bias, so a binary search finds it.
 */
function switchPoints(l: RowLeaders, logP: Float64Array, c: number, values: readonly number[]): { at: Int32Array; other: Int32Array } {
  const n = l.first.length;
  const cols = logP.length / n;
  const at = new Int32Array(n);
  const other = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const led = l.first[i] === c;
    const o = led ? l.second[i]! : l.first[i]!;
    const ov = led ? l.secondValue[i]! : l.firstValue[i]!;
    const own = logP[i * cols + c]!;
    let low = 0;
    let high = values.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const v = own + values[mid]!;
      if (v > ov || (v === ov && c < o)) high = mid;
      else low = mid + 1;
    }
    at[i] = low;
    other[i] = o;
  }
  return { at, other };
}

/**
 * The score of each bias in `values` (ascending) for class c, the other classes' biases as the
 * leaders hold them, read from per-class counts: the rows are counted once as predicted their
 * best other class, then each moves to c at its switch point. O(rows + values · classes).
 * Requires rows without NaN and at least two classes.
 *
 * @example
 * const scores = gridScores(leaders, logP, truth, 2, grid, (counts) => macroF1Of(counts));
 */
export function gridScores(
  l: RowLeaders, logP: Float64Array, truth: Int32Array, c: number, values: readonly number[], ofCounts: (counts: LabelCounts) => number,
): number[] {
  const cols = logP.length / truth.length;
  const { at, other } = switchPoints(l, logP, c, values);
  const counts = labelCounts(truth, other, cols);
  // Rows in order of their switch point (a counting sort over the grid).
  const start = new Int32Array(values.length + 2);
  for (const g of at) start[g + 1]!++;
  for (let g = 1; g < start.length; g++) start[g]! += start[g - 1]!;
  const order = new Int32Array(truth.length);
  const next = start.slice();
  at.forEach((g, i) => (order[next[g]!++] = i));
  return values.map((_, g) => {
    for (let r = start[g]!; r < start[g + 1]!; r++) {
      const i = order[r]!;
      const o = other[i]!;
      const t = truth[i]!;
      counts.predicted[o]!--;
      counts.predicted[c]!++;
      if (t === o) counts.correct[o]!--;
      if (t === c) counts.correct[c]!++;
    }
    return ofCounts(counts);
  });
}
