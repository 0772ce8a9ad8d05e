import { InputError } from '../../errors.ts';
import type { Pruner, PrunerOptions } from '../pruner.ts';
import { halving } from './halving.ts';
import { medianPruner } from './median.ts';
import { noPruner } from './none.ts';

/** What a pruner's entry needs: its factory, and the fewest epochs a trial must be allowed for it to judge anything. */
export interface PrunerEntry {
  create(options: PrunerOptions): Pruner;
  /** Fewest `maxEpochs` it accepts (halving and median need a rung before the last). */
  minMaxEpochs: number;
}

/** The pruners by name, as `--pruner` and a config's `pruner` give them. */
export const pruners: Record<string, PrunerEntry> = {
  halving: { create: halving, minMaxEpochs: 2 },
  median: { create: medianPruner, minMaxEpochs: 2 },
  none: { create: noPruner, minMaxEpochs: 1 },
};

export const prunerNames = (): string[] => Object.keys(pruners);

/**
 * A pruner by name, its options checked; bad input is an `InputError` naming the option.
 *
 * @example
 * createPruner('halving', { minEpochs: 1, maxEpochs: 9, reduction: 3 }).rungs; // [1, 3, 9]
 */
export function createPruner(name: string, options: PrunerOptions): Pruner {
  const entry = Object.hasOwn(pruners, name) ? pruners[name]! : undefined;
  if (!entry) throw new InputError(`--pruner: unknown pruner "${name}"; expected one of ${prunerNames().join(', ')}`);
  const { minEpochs, maxEpochs, reduction } = options;
  if (!(Number.isInteger(minEpochs) && minEpochs >= 1)) throw new InputError(`--min-epochs must be an integer >= 1, but got ${minEpochs}`);
  if (!(Number.isInteger(maxEpochs) && maxEpochs >= 1)) throw new InputError(`--epochs must be an integer >= 1, but got ${maxEpochs}`);
  if (minEpochs > maxEpochs) throw new InputError(`--min-epochs <= --epochs must hold, but got (min-epochs=${minEpochs}, epochs=${maxEpochs})`);
  if (!(reduction >= 2)) throw new InputError(`--reduction must be >= 2, but got ${reduction}`);
  // 1e309 reads as Infinity: every trial but one pruned at the first rung, whatever the round's size.
  if (reduction === Infinity) throw new InputError(`--reduction must be a finite number, but got ${reduction}`);
  if (maxEpochs < entry.minMaxEpochs) {
    throw new InputError(`--pruner ${name} needs --epochs >= ${entry.minMaxEpochs} (a rung before the last), but got ${maxEpochs}`);
  }
  return entry.create(options);
}
