import type { Pruner, PrunerOptions } from '../pruner.ts';

/**
 * No pruning: every trial trains `maxEpochs`, the search as the lecture runs it.
 *
 * @example
 * noPruner({ minEpochs: 1, maxEpochs: 2, reduction: 3 }).rungs; // [2]
 */
export function noPruner(options: PrunerOptions): Pruner {
  return { name: 'none', options: { maxEpochs: options.maxEpochs }, rungs: [options.maxEpochs], prune: () => false };
}
