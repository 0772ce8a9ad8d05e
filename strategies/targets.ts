import { classCounts, InputError, type Dataset } from '../src/plugin.ts';

// Resolve a ratio into an explicit number per class before any algorithm runs, as
// imbalanced-learn's `sampling_strategy` does; the algorithms then trust these numbers.

/**
 * Rows to add to each class so that it reaches round(ratio × the largest count).
 * A class already there, or with no rows to draw from, gets 0: over-samplers never shrink.
 *
 * @example
 * rowsToAdd([100, 10, 40], 1); // [0, 90, 60]
 */
export function rowsToAdd(counts: readonly number[], ratio: number): number[] {
  const target = Math.round(ratio * counts.reduce((a, b) => Math.max(a, b), -Infinity));
  return counts.map((n) => (n === 0 ? 0 : Math.max(0, target - n)));
}

/**
 * Rows to keep of each class so that none exceeds round(smallest present count / ratio).
 *
 * @example
 * rowsToKeep([100, 10, 40], 0.5); // [20, 10, 20]
 */
export function rowsToKeep(counts: readonly number[], ratio: number): number[] {
  const smallest = counts.reduce((a, n) => (n > 0 ? Math.min(a, n) : a), Infinity);
  const cap = Math.round(smallest / ratio);
  return counts.map((n) => Math.min(n, cap));
}

/**
 * A strategy's entry check: imbalance strategies need at least two classes in the data.
 *
 * @example
 * requireTwoClasses('smote', data); // throws '… has a single class ("a"); at least two classes are needed'
 */
export function requireTwoClasses(strategy: string, ds: Dataset): void {
  const present = classCounts(ds).flatMap((n, c) => (n > 0 ? [ds.classNames[c]!] : []));
  if (present.length < 2) {
    const which = present.length === 0 ? 'no examples' : `a single class ("${present[0]}")`;
    throw new InputError(`${strategy}: the training data has ${which}; at least two classes are needed`);
  }
}
