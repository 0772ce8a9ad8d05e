import { compareRungScores, type Pruner, type PrunerOptions } from '../pruner.ts';

/**
 * The rungs of successive halving: `minEpochs`·η^k below `maxEpochs`, then `maxEpochs`.
 *
 * @example
 * geometricRungs({ minEpochs: 1, maxEpochs: 9, reduction: 3 }); // [1, 3, 9]
 */
export function geometricRungs({ minEpochs, maxEpochs, reduction }: PrunerOptions): number[] {
  const rungs: number[] = [];
  for (let epochs = minEpochs; epochs < maxEpochs; epochs *= reduction) rungs.push(epochs);
  return [...rungs, maxEpochs];
}

/**
 * Successive halving (Jamieson & Talwalkar 2016; one bracket of Hyperband, Li et al. 2018):
 * a round's trials train `minEpochs`, the best ⌊n/η⌋ of them (at least one) go on to η times
 * as many epochs, and so on up to `maxEpochs`. A trial is judged against its own round only,
 * all of which reach each rung together.
 *
 * @example
 * halving({ minEpochs: 1, maxEpochs: 9, reduction: 3 }).rungs; // [1, 3, 9]
 */
export function halving(options: PrunerOptions): Pruner {
  return {
    name: 'halving',
    options: { ...options },
    rungs: geometricRungs(options),
    prune(trial, { cohort, direction }) {
      const field = [trial, ...cohort];
      const kept = Math.max(1, Math.floor(field.length / options.reduction));
      const better = field.filter((other) => other !== trial && compareRungScores(direction)(other, trial) < 0).length;
      return better >= kept;
    },
  };
}
