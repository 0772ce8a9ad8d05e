import type { Rng } from '../tensor/rng.ts';
import { indicesByClass, subset, type Dataset } from './dataset.ts';

/** How many times the K folds are dealt when `--repeats` is not given. */
export const defaultRepeats = 1;

/** One fold of k-fold cross-validation: its validation part, and the rest as its training part. */
export interface Fold {
  train: Dataset;
  validation: Dataset;
  /** Row numbers (into the split the folds came from) of the validation part. */
  validationRows: number[];
}

/**
 * Stratified k-fold: each class's rows are shuffled and dealt round-robin to the k folds,
 * the deal of each class starting where the last one stopped, so every fold keeps the class
 * proportions and the fold sizes differ by at most one. Every row is in exactly one fold's
 * validation part. Strategies resample only a fold's training part (they wrap `train`, which
 * receives it), never its validation part.
 *
 * @example
 * const folds = stratifiedFolds(splits.train, 5, createRng(1).fork('cv'));
 */
export function stratifiedFolds(ds: Dataset, k: number, rng: Rng): Fold[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`--cv must be an integer >= 2, got ${k}`);
  if (ds.y.length < k) throw new RangeError(`--cv ${k}: the training split has only ${ds.y.length} rows`);
  const members: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const group of indicesByClass(ds)) {
    for (const row of rng.shuffle([...group])) {
      members[next]!.push(row);
      next = (next + 1) % k;
    }
  }
  const byIndex = (a: number, b: number) => a - b;
  return members.map((rows, f) => {
    const validationRows = rows.sort(byIndex);
    const rest = members.flatMap((other, g) => (g === f ? [] : other)).sort(byIndex);
    return { train: subset(ds, rest), validation: subset(ds, validationRows), validationRows };
  });
}
