import { narrowChoice, narrowNumeric, type HyperparameterNote } from './narrowing-rules.ts';
import type { Json, Params, Space } from './space.ts';
import { compareScores } from './direction.ts';

/** Which way a score is better. */
import type { Direction } from './direction.ts';

export type { Direction };

/** What narrowing reads of a finished trial: its parameters and its score. Failed trials never reach it. */
export interface ScoredParams {
  params: Params;
  score: number;
}

export interface NarrowOptions {
  direction: Direction;
  /** Share of the scored trials that counts as "the best" (default 0.25). */
  top?: number;
  /** The fewest trials that count as "the best" (default 2). */
  minTop?: number;
  /** Added on each side of the best trials' span, as a share of the current range's width (default 0.1). */
  margin?: number;
  /** Trials a choice value needs, none of them among the best, before it is dropped (default 2). */
  minTried?: number;
  /** The study's space: a range whose best trials sit at its edge may move outward, but never beyond this (default: the ranges given). */
  original?: Space;
}

/** The default share of best trials, margin, minimum and evidence for a drop, as documented on `narrow`. */
export const narrowDefaults = { top: 0.25, minTop: 2, margin: 0.1, minTried: 2 } as const;

/** What narrowing one hyperparameter rests on: how many scored trials set it, and its values among the best of them. */
export interface NarrowingBasis {
  among: number;
  best: Json[];
}

/** What the trials said of one hyperparameter: the values of every trial that set it, best first, and how many of them count as the best. */
interface Evidence {
  values: Json[];
  best: number;
}

function evidence(space: Space, trials: readonly ScoredParams[], options: NarrowOptions): Record<string, Evidence> {
  const top = options.top ?? narrowDefaults.top;
  const minTop = options.minTop ?? narrowDefaults.minTop;
  const order = compareScores(options.direction);
  const ranked = trials
    .map((trial, at) => ({ trial, at }))
    .sort((a, b) => order(a.trial.score, b.trial.score) || a.at - b.at)
    .map(({ trial }) => trial.params);
  return Object.fromEntries(Object.keys(space).map((name) => {
    const values = ranked.flatMap((p) => (Object.hasOwn(p, name) ? [p[name]!] : []));
    return [name, { values, best: Math.min(values.length, Math.max(minTop, Math.ceil(top * values.length))) }];
  }));
}

/**
 * The best trials of each hyperparameter, as `narrow` ranks them: of the scored trials that set
 * it, the best `top` share (at least `minTop`), best first, ties in the order given. A
 * hyperparameter that every trial sets (one without a condition) has the same best trials as
 * the study; one with a condition is judged among the trials it applied to.
 *
 * @example
 * narrowingBasis(space, trials, { direction: 'maximize' }).lr; // { among: 20, best: [0.003, 0.01, …] }
 */
export function narrowingBasis(space: Space, trials: readonly ScoredParams[], options: NarrowOptions): Record<string, NarrowingBasis> {
  return Object.fromEntries(Object.entries(evidence(space, trials, options))
    .map(([name, e]) => [name, { among: e.values.length, best: e.values.slice(0, e.best) }]));
}

/** The next round's ranges and, per hyperparameter, what became of it and why. */
export interface Narrowing {
  ranges: Space;
  notes: Record<string, HyperparameterNote>;
}

/**
 * `narrow` with its reasons: for each hyperparameter, how many trials it had, how many of them
 * were among the best, and whether it was kept, narrowed or moved (a choice: each value kept or
 * dropped, and why).
 *
 * @example
 * narrowExplained(space, trials, { direction: 'maximize' }).notes.optimizer.values; // [{ value: 'sgd', trials: 3, best: 0, verdict: 'dropped', … }]
 */
export function narrowExplained(space: Space, trials: readonly ScoredParams[], options: NarrowOptions): Narrowing {
  const found = evidence(space, trials, options);
  const rule = {
    margin: options.margin ?? narrowDefaults.margin,
    minTried: options.minTried ?? narrowDefaults.minTried,
  };
  const notes = Object.fromEntries(Object.entries(space).map(([name, hp]) => {
    const { values, best } = found[name]!;
    const note = hp.kind === 'choice'
      ? narrowChoice(hp, values, best, rule.minTried)
      : narrowNumeric(hp, options.original?.[name] ?? hp, values, best, rule);
    return [name, note];
  }));
  return { ranges: Object.fromEntries(Object.entries(notes).map(([name, note]) => [name, note.range])), notes };
}

/**
 * Step 3 of the search, a pure function: the ranges for the next round, from the scored trials
 * so far, weighing the evidence. For each hyperparameter the trials that set it are ranked and
 * the best `top` share (at least `minTop`) counts as the best (see `narrowingBasis`).
 * - A choice drops a value only when at least `minTried` trials used it and none of them is
 *   among the best; a value no trial used is kept, and so is one with too few trials.
 * - A numeric range becomes the best trials' span in its sampling scale (log for log kinds),
 *   widened by `margin` of the current width on each side: it narrows, or, when the best sit
 *   at an edge, moves past it, never beyond `original` (the study's space). It keeps its range
 *   while every trial that set it counts as the best: with nothing to compare, there is no
 *   evidence (one trial never narrows a range).
 * Ties rank in the order given, so the result does not depend on which trial finished first
 * when the caller passes trials in (round, index) order. A hyperparameter that no trial set
 * keeps its range.
 *
 * @example
 * const next = narrow(space, [{ params: { lr: 0.01 }, score: 0.9 }, { params: { lr: 0.02 }, score: 0.8 }],
 *   { direction: 'maximize' });
 */
export function narrow(space: Space, trials: readonly ScoredParams[], options: NarrowOptions): Space {
  if (trials.length === 0) return space;
  return narrowExplained(space, trials, options).ranges;
}
