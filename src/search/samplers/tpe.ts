import { createRng, type Rng } from '../../tensor/rng.ts';
import { paramsKey, planRound, trialSeed } from '../sampling.ts';
import { canonical, fromScale, isActive, toScale, type Hyperparameter, type Json, type Params, type Space } from '../space.ts';
import { isScored, rankTrials, type ScoredTrial } from '../trial.ts';
import { fitMixture, logDensity, sampleMixture, type Dimension, type Mixture, type ParzenOptions, type Point } from './parzen.ts';
import type { Sampler } from './sampler.ts';

/** The TPE sampler's options; the defaults are Optuna's TPESampler's (3.x). */
export interface TpeOptions extends Partial<ParzenOptions> {
  /** Scored trials (complete or pruned) before the model takes over; until then rounds are random (default 10). */
  startup?: number;
  /** Candidates drawn from the good trials' density for each trial; the best ratio wins (default 24). */
  candidates?: number;
  /** Share of the trials that count as good: min(ceil(gamma · n), 25) (default 0.1). */
  gamma?: number;
  /** Trials planned earlier in the same round count as bad ones (Optuna's constant liar), so a round spreads out (default true). */
  constantLiar?: boolean;
  /** The most observations the other trials' density holds, a systematic sample of them beyond that (default 256; see `thinned`). */
  badKernels?: number;
}

const tpeDefaults = { startup: 10, candidates: 24, gamma: 0.1, priorWeight: 1, magicClip: true, considerEndpoints: false, multivariate: false, constantLiar: true, badKernels: 256 } as const;
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

/** A group's trials as points, split once a round into the good ones and the rest (both oldest first). */
interface GroupRows {
  names: string[];
  dims: Dimension[];
  good: Point[];
  bad: Point[];
}

/**
 * One group's trials that set all its hyperparameters, ranked by their `place` in `rankTrials`,
 * split into the best min(ceil(gamma · n), 25) and the rest, each kept oldest first.
 */
function groupRows(space: Space, names: string[], trials: readonly ScoredTrial[], place: ReadonlyMap<ScoredTrial, number>, s: Settings): GroupRows {
  const rows = trials.flatMap((t) => {
    const point = pointOf(space, names, t.params);
    return point ? [{ point, place: place.get(t)! }] : [];
  });
  const ranked = [...rows].sort((a, b) => a.place - b.place);
  const good = new Set(ranked.slice(0, Math.min(Math.ceil(s.gamma * rows.length), 25)));
  const fit = (keep: boolean) => rows.filter((r) => good.has(r) === keep).map((r) => r.point);
  return { names, dims: names.map((n) => dimensionOf(space[n]!)), good: fit(true), bad: fit(false) };
}

/**
 * At most `most` of `points`, evenly spaced and the newest kept (all of them when there are no
 * more): the other trials' density from a systematic sample of them. A density over thousands of
 * kernels costs each candidate thousands of terms, and a round's planning would grow with the
 * square of its trials; a sample of a few hundred draws the same shape.
 */
export function thinned<T>(points: readonly T[], most: number): readonly T[] {
  const n = points.length;
  return n <= most ? points : Array.from({ length: most }, (_, i) => points[Math.floor(((i + 1) * n) / most) - 1]!);
}

/** One group's densities: the good trials', and the rest's with the round's earlier trials as lies (thinned, see `thinned`). */
function fitGroup(rows: GroupRows, lies: readonly Point[], s: Settings): Group {
  const bad = thinned(lies.length === 0 ? rows.bad : [...rows.bad, ...lies], s.badKernels);
  return { names: rows.names, good: fitMixture(rows.dims, rows.good, s), bad: fitMixture(rows.dims, bad, s) };
}

/**
 * Whether the trial at `index` of a round refits the densities last fitted at `fittedAt`: every
 * trial among the first 32, then once a sixteenth more of the round is planned, so a round of n
 * trials fits O(log n) times and its later trials see all but the last few lies.
 */
export const refits = (index: number, fittedAt: number): boolean => index - fittedAt >= Math.max(1, Math.floor(index / 16));

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
 * one mode, and Hartmann-6's median best at 10 × 10 falls from -3.04 to -2.44). Pruned trials count, ranked
 * below those that trained further (see `rankTrials`). A round's planning grows about linearly
 * with its trials: the trials are split once a round, the densities refitted with the lies only
 * on a logarithmic schedule (see `refits`), and the other trials' density holds at most
 * `badKernels` of them (see `thinned`), so small studies plan exactly as before and a round of
 * 2,000 trials no longer refits 2,000 densities of thousands of kernels. Until `startup` trials are scored it
 * samples at random. A conditional hyperparameter is
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
      // Pruned trials count too, ranked as the study ranks them (see `rankTrials`): under halving they are most of a round.
      const trials = input.history.filter(isScored);
      const place = new Map(rankTrials(trials, input.direction).map((t, i) => [t, i]));
      const tried = input.history.map((t) => t.params);
      if (trials.length < s.startup) return { ranges: input.space, trials: planRound(input.space, { seed: input.seed, round: input.round, count: input.count, tried }) };
      const names = Object.keys(input.space);
      const joint = names.filter((n) => input.space[n]!.when === undefined);
      const groups = s.multivariate
        ? [joint, ...names.filter((n) => !joint.includes(n)).map((n) => [n])]
        : names.map((n) => [n]);
      const seen = new Set(tried.map(paramsKey));
      // Split once a round; each planned trial then refits only what changed, its lies, over a bounded sample.
      const rows = groups.filter((g) => g.length > 0).map((g) => groupRows(input.space, g, trials, place, s));
      const lies = rows.map((): Point[] => []);
      let fitted: Group[] = [];
      let fittedAt = -Infinity;
      const planned = Array.from({ length: input.count }, (_, index) => {
        if (refits(index, fittedAt)) [fitted, fittedAt] = [rows.map((r, g) => fitGroup(r, lies[g]!, s)), index];
        const rng = createRng(`tpe/${input.seed}/${input.round}/${index}`);
        let params: Params = {};
        for (let attempt = 0; attempt < 10 && (attempt === 0 || seen.has(paramsKey(params))); attempt++) {
          const drawn = Object.assign({}, ...fitted.map((g) => propose(input.space, g, s, rng))) as Params;
          params = Object.fromEntries(names.filter((n) => isActive(input.space[n]!, drawn)).map((n) => [n, drawn[n]!]));
        }
        seen.add(paramsKey(params));
        if (s.constantLiar) {
          rows.forEach((r, g) => {
            const point = pointOf(input.space, r.names, params);
            if (point) lies[g]!.push(point);
          });
        }
        return { round: input.round, index, seed: trialSeed(input.seed, input.round, index), params };
      });
      return { ranges: input.space, trials: planned };
    },
  };
}
