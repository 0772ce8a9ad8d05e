import { createRng, type Rng } from '../../tensor/rng.ts';
import type { Direction } from '../narrowing.ts';
import { paramsKey, planRound, trialSeed } from '../sampling.ts';
import { canonical, fromScale, isActive, toScale, type Hyperparameter, type Json, type Params, type Space } from '../space.ts';
import { isComplete, type CompleteTrial } from '../trial.ts';
import { fitMixture, logDensity, sampleMixture, type Dimension, type Mixture, type ParzenOptions } from './parzen.ts';
import type { Sampler } from './sampler.ts';

/** The TPE sampler's options; the defaults are Optuna's TPESampler's (3.x). */
export interface TpeOptions extends Partial<ParzenOptions> {
  /** Complete trials before the model takes over; until then rounds are random (default 10). */
  startup?: number;
  /** Candidates drawn from the good trials' density for each trial; the best ratio wins (default 24). */
  candidates?: number;
  /** Share of the trials that count as good: min(ceil(gamma · n), 25) (default 0.1). */
  gamma?: number;
  /** Trials planned earlier in the same round count as bad ones (Optuna's constant liar), so a round spreads out (default true). */
  constantLiar?: boolean;
}

const tpeDefaults = { startup: 10, candidates: 24, gamma: 0.1, priorWeight: 1, magicClip: true, considerEndpoints: false, multivariate: false, constantLiar: true } as const;
type Settings = Required<TpeOptions>;

/** A group of hyperparameters modelled jointly, with the good and the other trials' densities. */
interface Group {
  names: string[];
  good: Mixture;
  bad: Mixture;
}

const pointOf = (space: Space, names: readonly string[], params: Params): number[] | undefined => {
  const point = names.map((n) => (Object.hasOwn(params, n) ? position(space[n]!, params[n]!) : undefined));
  return point.every((x) => x !== undefined) ? point as number[] : undefined;
};

const dimensionOf = (hp: Hyperparameter): Dimension => (hp.kind === 'choice'
  ? { kind: 'choice', size: hp.values.length }
  // An integer k stands for [k - 0.5, k + 0.5), so both ends are as likely as the middle.
  : hp.kind === 'int' ? { kind: 'numeric', low: toScale(hp, hp.low - 0.5), high: toScale(hp, hp.high + 0.5) } : { kind: 'numeric', low: toScale(hp, hp.low), high: toScale(hp, hp.high) });

function position(hp: Hyperparameter, value: Json): number | undefined {
  if (hp.kind === 'choice') {
    const i = hp.values.findIndex((v) => canonical(v) === canonical(value));
    return i < 0 ? undefined : i;
  }
  // A trial outside the space given (a narrowed one) says nothing of where to sample inside it.
  return typeof value === 'number' && value >= hp.low && value <= hp.high ? toScale(hp, value) : undefined;
}

function valueAt(hp: Hyperparameter, x: number): Json {
  if (hp.kind === 'choice') return hp.values[x]!;
  const value = Math.min(hp.high, Math.max(hp.low, fromScale(hp, x)));
  return hp.kind === 'int' ? Math.min(hp.high, Math.max(hp.low, Math.round(value))) : value;
}

/**
 * One group's densities: the trials that set all its hyperparameters, ranked, split into the
 * best min(ceil(gamma · n), 25) and the rest, each fitted oldest first.
 */
function fitGroup(space: Space, names: string[], trials: readonly CompleteTrial[], pending: readonly Params[], direction: Direction, s: Settings): Group {
  const rows = trials.flatMap((t, order) => {
    const point = pointOf(space, names, t.params);
    return point ? [{ point, score: t.score, order }] : [];
  });
  const sign = direction === 'maximize' ? -1 : 1;
  const ranked = [...rows].sort((a, b) => sign * (a.score - b.score) || a.order - b.order);
  const good = new Set(ranked.slice(0, Math.min(Math.ceil(s.gamma * rows.length), 25)));
  const dims = names.map((n) => dimensionOf(space[n]!));
  const fit = (keep: boolean) => rows.filter((r) => good.has(r) === keep).map((r) => r.point);
  const lies = pending.flatMap((p) => { const point = pointOf(space, names, p); return point ? [point] : []; });
  return { names, good: fitMixture(dims, fit(true), s), bad: fitMixture(dims, [...fit(false), ...lies], s) };
}

/** The group's candidate with the best ratio of good to other density (the expected improvement's maximiser). */
function propose(space: Space, group: Group, s: Settings, rng: Rng): Params {
  let best: number[] = [];
  let bestRatio = -Infinity;
  for (let c = 0; c < s.candidates; c++) {
    const x = sampleMixture(group.good, rng);
    const ratio = logDensity(group.good, x) - logDensity(group.bad, x);
    if (ratio > bestRatio) [best, bestRatio] = [x, ratio];
  }
  return Object.fromEntries(group.names.map((n, j) => [n, valueAt(space[n]!, best[j]!)]));
}

/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011) with Optuna's TPESampler
 * defaults (10 random startup trials, 24 candidates, gamma 0.1, prior weight 1, magic clip,
 * no endpoints, one density per hyperparameter; `multivariate` models the unconditional ones
 * jointly, Falkner et al. 2018). It plans a whole round from the trials of the rounds before,
 * so no trial depends on which finished first; each trial draws its candidates from its own
 * stream (study seed, round, index), and the trials planned before it in the round count as
 * bad ones (Optuna's constant liar, on by default here: without it a round of 10 piles onto
 * one mode, and Hartmann-6's median best at 10 × 10 falls from -3.04 to -2.44). Until
 * `startup` trials are complete it samples at random. A conditional hyperparameter is
 * modelled from the trials it applied to.
 *
 * @example
 * search(space, objective, { rounds: 20, trials: 5, seed: 1, sampler: tpeSampler({ gamma: 0.15 }) });
 */
export function tpeSampler(options: TpeOptions = {}): Sampler {
  const s: Settings = { ...tpeDefaults, ...options };
  return {
    name: 'tpe',
    options: s,
    plan(input) {
      const trials = input.history.filter(isComplete);
      const tried = input.history.map((t) => t.params);
      if (trials.length < s.startup) return { ranges: input.space, trials: planRound(input.space, { seed: input.seed, round: input.round, count: input.count, tried }) };
      const names = Object.keys(input.space);
      const joint = names.filter((n) => input.space[n]!.when === undefined);
      const groups = s.multivariate
        ? [joint, ...names.filter((n) => !joint.includes(n)).map((n) => [n])]
        : names.map((n) => [n]);
      const seen = new Set(tried.map(paramsKey));
      const pending: Params[] = [];
      const planned = Array.from({ length: input.count }, (_, index) => {
        const fitted = groups.filter((g) => g.length > 0).map((g) => fitGroup(input.space, g, trials, s.constantLiar ? pending : [], input.direction, s));
        const rng = createRng(`tpe/${input.seed}/${input.round}/${index}`);
        let params: Params = {};
        for (let attempt = 0; attempt < 10 && (attempt === 0 || seen.has(paramsKey(params))); attempt++) {
          const drawn = Object.assign({}, ...fitted.map((g) => propose(input.space, g, s, rng))) as Params;
          params = Object.fromEntries(names.filter((n) => isActive(input.space[n]!, drawn)).map((n) => [n, drawn[n]!]));
        }
        seen.add(paramsKey(params));
        pending.push(params);
        return { round: input.round, index, seed: trialSeed(input.seed, input.round, index), params };
      });
      return { ranges: input.space, trials: planned };
    },
  };
}
