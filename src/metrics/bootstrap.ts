import { quantile, sampleWithReplacement } from 'simple-statistics';
import { takeRows } from '../tensor/matrix.ts';
import { createRng } from '../tensor/rng.ts';
import type { Predictions } from './evaluate.ts';

/** A percentile bootstrap interval around the value on the full test split. */
export interface Interval {
  /** The statistic on all the predictions. */
  estimate: number;
  low: number;
  high: number;
  /** Coverage asked for, e.g. 0.95. */
  level: number;
  /** Resamples on which the statistic was defined (those where it was `null` are left out). */
  samples: number;
}

/** How `bootstrapInterval` resamples: its seed, and how many resamples at which level. */
export interface IntervalOptions {
  seed: number | string;
  /** Bootstrap resamples (default 1000). */
  samples?: number;
  /** Coverage in (0, 1) (default 0.95). */
  level?: number;
}

/**
 * Percentile bootstrap confidence interval (Efron & Tibshirani 1993) of any statistic of
 * test predictions: resample the test rows with replacement, recompute, take the
 * (1 − level)/2 and (1 + level)/2 quantiles. Draws go through a seeded RNG, so the same seed
 * gives the same interval. `null` when the statistic is undefined on the full split.
 *
 * @example
 * const p = predictions(model, splits.test);
 * bootstrapInterval(p, (q) => metricsOf(q).balancedAccuracy, { seed: 1 }); // { estimate, low, high, … }
 */
export function bootstrapInterval(
  p: Predictions, statistic: (q: Predictions) => number | null, options: IntervalOptions,
): Interval | null {
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(samples) && samples >= 1)) throw new RangeError(`bootstrapInterval: samples must be an integer >= 1, got ${samples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapInterval: level must be in (0, 1), got ${level}`);
  const estimate = statistic(p);
  if (estimate === null) return null;
  const rng = createRng(options.seed).fork('bootstrap-interval');
  const rows = Array.from({ length: p.truth.length }, (_, i) => i);
  const values: number[] = [];
  for (let s = 0; s < samples; s++) {
    const drawn = sampleWithReplacement(rows, rows.length, rng.uniform);
    const value = statistic({
      truth: Int32Array.from(drawn, (i) => p.truth[i]!),
      predicted: Int32Array.from(drawn, (i) => p.predicted[i]!),
      probabilities: takeRows(p.probabilities, drawn),
      classNames: p.classNames,
    });
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return { estimate, low: estimate, high: estimate, level, samples: 0 };
  const [low, high] = quantile(values, [(1 - level) / 2, (1 + level) / 2]);
  return { estimate, low: low!, high: high!, level, samples: values.length };
}
