import {
  canonical, fromScale, toScale, type Hyperparameter, type Json, type NumericHyperparameter, type Params, type Space,
} from './space.ts';

/** Which way a score is better. */
export type Direction = 'maximize' | 'minimize';

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
}

/** The default share of best trials, margin and minimum, as documented on `narrow`. */
export const narrowDefaults = { top: 0.25, minTop: 2, margin: 0.1 } as const;

function narrowNumeric<H extends NumericHyperparameter>(hp: H, values: readonly number[], margin: number): H {
  const positions = values.map((v) => toScale(hp, v));
  const width = toScale(hp, hp.high) - toScale(hp, hp.low);
  let low = Math.max(hp.low, fromScale(hp, Math.min(...positions) - margin * width));
  let high = Math.min(hp.high, fromScale(hp, Math.max(...positions) + margin * width));
  if (hp.kind === 'int') [low, high] = [Math.max(hp.low, Math.floor(low)), Math.min(hp.high, Math.ceil(high))];
  return { ...hp, low, high };
}

function narrowOne(hp: Hyperparameter, values: readonly Json[], margin: number): Hyperparameter {
  if (hp.kind === 'choice') {
    const kept = new Set(values.map(canonical));
    const narrowed = hp.values.filter((v) => kept.has(canonical(v)));
    return narrowed.length > 0 ? { ...hp, values: narrowed } : hp;
  }
  const numbers = values.filter((v): v is number => typeof v === 'number' && v >= hp.low && v <= hp.high);
  return numbers.length > 0 ? narrowNumeric(hp, numbers, margin) : hp;
}

/** What narrowing one hyperparameter rests on: how many scored trials set it, and its values among the best of them. */
export interface NarrowingBasis {
  among: number;
  best: Json[];
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
  const top = options.top ?? narrowDefaults.top;
  const minTop = options.minTop ?? narrowDefaults.minTop;
  const sign = options.direction === 'maximize' ? -1 : 1;
  const ranked = trials
    .map((trial, order) => ({ trial, order }))
    .sort((a, b) => sign * (a.trial.score - b.trial.score) || a.order - b.order)
    .map(({ trial }) => trial.params);
  return Object.fromEntries(Object.keys(space).map((name) => {
    const values = ranked.flatMap((p) => (Object.hasOwn(p, name) ? [p[name]!] : []));
    const count = Math.min(values.length, Math.max(minTop, Math.ceil(top * values.length)));
    return [name, { among: values.length, best: values.slice(0, count) }];
  }));
}

/**
 * Step 3 of the search, a pure function: the ranges for the next round, from the scored
 * trials so far. For each hyperparameter the best `top` share (at least `minTop`) of the
 * trials that set it is kept (see `narrowingBasis`); a numeric range shrinks to their span in
 * its sampling scale (log for log kinds) widened by `margin` of the current width on each
 * side, and never beyond the current range; a choice keeps the values that appear among them,
 * in their order. Ties rank in the order given, so the result does not depend on which trial
 * finished first when the caller passes trials in (round, index) order. A hyperparameter that
 * no trial set keeps its range.
 *
 * @example
 * const next = narrow(space, [{ params: { lr: 0.01 }, score: 0.9 }, { params: { lr: 0.02 }, score: 0.8 }],
 *   { direction: 'maximize' });
 */
export function narrow(space: Space, trials: readonly ScoredParams[], options: NarrowOptions): Space {
  if (trials.length === 0) return space;
  const basis = narrowingBasis(space, trials, options);
  const margin = options.margin ?? narrowDefaults.margin;
  return Object.fromEntries(Object.entries(space).map(([name, hp]) => [name, narrowOne(hp, basis[name]!.best, margin)]));
}
