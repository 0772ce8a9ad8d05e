import type { Pruner, PrunerOptions } from '../pruner.ts';
import { better } from '../direction.ts';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier; Optuna's MedianPruner): after
 * each epoch from `minEpochs` on, a trial whose best score so far is worse than the median
 * of the other trials' at the same epoch (this round's and earlier rounds') stops. A trial
 * with nothing to compare against goes on.
 *
 * @example
 * medianPruner({ minEpochs: 1, maxEpochs: 4, reduction: 3 }).rungs; // [1, 2, 3, 4]
 */
export function medianPruner(options: PrunerOptions): Pruner {
  const rungs = Array.from({ length: options.maxEpochs - options.minEpochs + 1 }, (_, i) => options.minEpochs + i);
  return {
    name: 'median',
    options: { minEpochs: options.minEpochs, maxEpochs: options.maxEpochs },
    rungs,
    prune(trial, { cohort, earlier, direction }) {
      const others = [...cohort, ...earlier].map((other) => other.score);
      if (others.length === 0) return false;
      const middle = median(others);
      return better(direction, middle, trial.score);
    },
  };
}
