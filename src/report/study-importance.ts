import { quantile } from 'simple-statistics';
import type { Json, Params } from '../search/space.ts';
import { createRng } from '../tensor/rng.ts';

/** How the importance of a hyperparameter is measured, as the report names it. */
export const importanceMethod =
  'η² (the share of the variance of the trials\' scores that the parameter\'s groups explain, as in a one-way ANOVA): ' +
  'a choice groups trials by value; a number cuts them into 4 bins of equal count';

/** Bins a numeric hyperparameter is cut into. */
const bins = 4;
/** Bootstrap resamples of the trials behind each interval. */
export const importanceResamples = 1000;

/** One hyperparameter's importance: η² on all complete trials that set it, with a bootstrap interval over those trials. */
export interface Importance {
  parameter: string;
  /** η² on all the trials, and the 95% percentile bootstrap interval (resampling trials). */
  share: { mean: number; low: number; high: number };
  /** Complete trials that set it, and the groups they fell into. */
  trials: number;
  groups: number;
}

/** Group labels: the value of a choice, or the equal-count bin (by rank) of a number. */
function groupsOf(values: readonly Json[]): number[] {
  if (!values.every((v) => typeof v === 'number')) {
    const keys = values.map((v) => JSON.stringify(v));
    const distinct = [...new Set(keys)];
    return keys.map((k) => distinct.indexOf(k));
  }
  const order = values.map((v, i) => ({ v: v as number, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const group = new Array<number>(values.length);
  // Equal values share the bin of the first of them: a parameter that never varied is one group.
  const binOf = new Map<number, number>();
  order.forEach(({ v, i }, rank) => {
    if (!binOf.has(v)) binOf.set(v, Math.min(bins - 1, Math.floor((rank * bins) / values.length)));
    group[i] = binOf.get(v)!;
  });
  return group;
}

/** η² = between-group sum of squares / total sum of squares (0 when the scores do not vary). */
function etaSquared(scores: readonly number[], groups: readonly number[]): number {
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const total = scores.reduce((a, s) => a + (s - mean) ** 2, 0);
  if (total === 0) return 0;
  const sums = new Map<number, { sum: number; n: number }>();
  groups.forEach((g, i) => {
    const s = sums.get(g) ?? { sum: 0, n: 0 };
    sums.set(g, { sum: s.sum + scores[i]!, n: s.n + 1 });
  });
  const between = [...sums.values()].reduce((a, { sum, n }) => a + n * (sum / n - mean) ** 2, 0);
  return Math.min(1, between / total);
}

/** The importance of the hyperparameters, with how it was measured (see `studyImportance`). */
export interface StudyImportance {
  method: string;
  /** Coverage of the intervals, and the bootstrap resamples behind them. */
  level: number;
  resamples: number;
  parameters: Importance[];
}

/**
 * `hyperparameterImportance` with the method, the coverage and the resamples stated, as a report stores it.
 *
 * @example
 * studyImportance(trials, 7).parameters[0]!.parameter; // the most important hyperparameter
 */
export function studyImportance(trials: readonly { params: Params; score: number | null }[], seed: number | string): StudyImportance {
  return { method: importanceMethod, level: 0.95, resamples: importanceResamples, parameters: hyperparameterImportance(trials, seed) };
}

/**
 * The importance of each hyperparameter that varied among the complete trials, most important
 * first (see `importanceMethod`). A hyperparameter with one value, or set by fewer than 4 trials,
 * is left out. Intervals come from a seeded bootstrap over the trials, so the same trials give the same numbers.
 *
 * @example
 * hyperparameterImportance([{ params: { lr: 0.01 }, score: 0.9 }, …], 'study 7'); // [{ parameter: 'lr', share: { mean: 0.62, … }, … }]
 */
export function hyperparameterImportance(trials: readonly { params: Params; score: number | null }[], seed: number | string): Importance[] {
  const complete = trials.filter((t): t is { params: Params; score: number } => t.score !== null && Number.isFinite(t.score));
  const names = [...new Set(complete.flatMap((t) => Object.keys(t.params)))];
  const rows = names.flatMap((parameter): Importance[] => {
    const set = complete.filter((t) => Object.hasOwn(t.params, parameter));
    const groups = groupsOf(set.map((t) => t.params[parameter]!));
    const count = new Set(groups).size;
    if (set.length < bins || count < 2) return [];
    const scores = set.map((t) => t.score);
    const rng = createRng(seed).fork(`importance/${parameter}`);
    const resampled = Array.from({ length: importanceResamples }, () => {
      const drawn = Array.from({ length: set.length }, () => Math.floor(rng.uniform() * set.length));
      // Groups are recomputed on each resample: bins of a number follow the drawn values.
      return etaSquared(drawn.map((i) => scores[i]!), groupsOf(drawn.map((i) => set[i]!.params[parameter]!)));
    });
    const [low, high] = quantile(resampled, [0.025, 0.975]);
    const estimate = etaSquared(scores, groups);
    return [{ parameter, share: { mean: estimate, low: Math.min(low!, estimate), high: Math.max(high!, estimate) }, trials: set.length, groups: count }];
  });
  return rows.sort((a, b) => b.share.mean - a.share.mean || a.parameter.localeCompare(b.parameter));
}
