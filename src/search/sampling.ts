import { createHash } from 'node:crypto';
import { createRng, type Rng } from '../tensor/rng.ts';
import { canonical, fromScale, isActive, toScale, type Hyperparameter, type Json, type Params, type Space } from './space.ts';

/**
 * Step 1 of the search: one value drawn at random in a hyperparameter's range, uniform in
 * its sampling scale (log for `loguniform` and `int` with `log`).
 *
 * @example
 * sampleValue({ kind: 'loguniform', low: 1e-4, high: 1e-1 }, createRng(1)); // e.g. 0.0031
 */
export function sampleValue(hp: Hyperparameter, rng: Rng): Json {
  if (hp.kind === 'choice') return hp.values[rng.int(hp.values.length)]!;
  // An integer range [low, high] is the real range [low, high + 1) floored.
  const top = hp.kind === 'int' ? hp.high + 1 : hp.high;
  const value = fromScale(hp, rng.between(toScale(hp, hp.low), toScale(hp, top)));
  // exp(log(x)) can miss x by an ulp; the clamp keeps every sample inside its range.
  const clamped = Math.min(hp.high, Math.max(hp.low, value));
  return hp.kind === 'int' ? Math.floor(clamped) : clamped;
}

/**
 * A value for each hyperparameter of the space that applies (see `Condition`), drawn in the
 * order of its names.
 *
 * @example
 * sampleParams({ lr: { kind: 'loguniform', low: 1e-4, high: 0.1 } }, createRng(1)); // { lr: 0.0031 }
 */
export function sampleParams(space: Space, rng: Rng): Params {
  // Every hyperparameter is drawn, applying or not, so a condition never shifts the others' draws.
  const drawn = Object.fromEntries(Object.entries(space).map(([name, hp]) => [name, sampleValue(hp, rng)]));
  return Object.fromEntries(Object.entries(drawn).filter(([name]) => isActive(space[name]!, drawn)));
}

/** The identity of a configuration: equal for equal parameters. */
export const paramsKey = (params: Params): string => canonical(params);

/** One planned trial: where it stands in the study, its seed and its parameters. */
export interface PlannedTrial {
  round: number;
  index: number;
  seed: number;
  params: Params;
}

export interface PlanOptions {
  /** The study's seed. */
  seed: number;
  /** Rounds count from 1. */
  round: number;
  /** Trials in the round. */
  count: number;
  /** Configurations already tried in the study (earlier rounds). */
  tried: readonly Params[];
  /** Draws of a trial's parameters before a repeat is accepted (default 10). */
  attempts?: number;
}

/**
 * A trial's seed: a function of (study seed, round, index) only, so a trial trains the same
 * whichever worker runs it and whenever it finishes.
 *
 * @example
 * trialSeed(7, 2, 5) === trialSeed(7, 2, 5); // true
 */
export function trialSeed(seed: number, round: number, index: number): number {
  return Number.parseInt(digest(`trial seed/${seed}/${round}/${index}`).slice(0, 8), 16) & 0x7fffffff;
}

// A trial's seed is a number (it goes into trials.jsonl and to other machines): the first
// 31 bits of a hash of (study seed, round, index).
const digest = (key: string) => createHash('sha256').update(key).digest('hex');

/** The random stream of one trial's parameters (createRng hashes its key, so neighbours are unrelated). */
const trialStream = (seed: number, round: number, index: number): Rng => createRng(`trial params/${seed}/${round}/${index}`);

/**
 * Plans a whole round before any of it runs, so the plan cannot depend on which trial
 * finishes first. Trial `index` draws from its own stream (study seed, round, index); a
 * draw equal to a configuration tried earlier in the study (or earlier in this round) is
 * redrawn, `attempts` draws at most, after which the repeat is kept: a space narrowed to a
 * few choices may have nothing new left.
 *
 * @example
 * const trials = planRound(space, { seed: 1, round: 1, count: 20, tried: [] });
 */
export function planRound(space: Space, options: PlanOptions): PlannedTrial[] {
  const seen = new Set(options.tried.map(paramsKey));
  const attempts = options.attempts ?? 10;
  return Array.from({ length: options.count }, (_, index) => {
    const rng = trialStream(options.seed, options.round, index);
    let params = sampleParams(space, rng);
    for (let attempt = 1; attempt < attempts && seen.has(paramsKey(params)); attempt++) params = sampleParams(space, rng);
    seen.add(paramsKey(params));
    return { round: options.round, index, seed: trialSeed(options.seed, options.round, index), params };
  });
}
