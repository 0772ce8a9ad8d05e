import type { Direction } from './narrowing.ts';
import type { Json } from './space.ts';
import { compareScores } from './direction.ts';

/** A trial's standing at a rung: where it is in the study, and its best score up to the rung's epoch. */
export interface RungScore {
  round: number;
  index: number;
  score: number;
}

/** What a pruner judges a trial against at a rung: the round's other trials there, and earlier rounds' trials there. */
export interface RungField {
  /** This round's other trials that reached the rung (a round's trials reach each rung together). */
  cohort: readonly RungScore[];
  /** Trials of earlier rounds that reached the same epoch. */
  earlier: readonly RungScore[];
  direction: Direction;
}

/**
 * Decides, at each rung, whether a trial goes on training. A round's trials all train to
 * the first rung; those the pruner keeps go on to the next, picking up where they stopped;
 * the last rung is the most a trial trains. Decisions read scores only (never which trial
 * finished first, nor how many run at once), so any executor gives the same pruned set.
 *
 * @example
 * const pruner = halving({ minEpochs: 1, maxEpochs: 9, reduction: 3 }); // rungs [1, 3, 9]
 * pruner.prune({ round: 1, index: 0, score: 0.4 }, { cohort, earlier: [], direction: 'maximize' });
 */
export interface Pruner {
  readonly name: string;
  /** The options that rebuild it, as `study.json` records them. */
  readonly options: Json;
  /** Epochs after which trials are judged, ascending; the last is the most a trial trains and is never judged. */
  readonly rungs: readonly number[];
  /** Whether `trial` stops at this rung. */
  prune(trial: RungScore, field: RungField): boolean;
}

/** What every pruner is built from: the epochs of the shortest and the longest trial, and how fast the field thins. */
export interface PrunerOptions {
  minEpochs: number;
  maxEpochs: number;
  /** η: at each rung about 1/η of the trials go on (halving). */
  reduction: number;
}

/**
 * How two rung scores order: better first, ties to the earlier (round, index), so a ranking
 * never depends on the order trials were given in.
 */
export function compareRungScores(direction: Direction): (a: RungScore, b: RungScore) => number {
  const order = compareScores(direction);
  return (a, b) => order(a.score, b.score) || a.round - b.round || a.index - b.index;
}
