import { mean, quantile, sampleWithReplacement } from 'simple-statistics';
import { createRng } from '../tensor/rng.ts';
import { metricBounds } from './bounds.ts';
import { pairedTTest, type MeanInterval, type PairedTest } from './paired.ts';

/** Resamples of the seeds behind each interval, unless told otherwise. */
export const seedResamples = 2000;

export interface SeedIntervalOptions {
  /** Seeds the resampling, so the same values give the same interval. */
  seed: number | string;
  /** Coverage in (0, 1) (default 0.95). */
  level?: number;
  /** Bootstrap resamples (default `seedResamples`). */
  samples?: number;
}

/**
 * The mean of per-seed results and its percentile bootstrap interval (Efron & Tibshirani 1993):
 * resample the seeds with replacement, take the mean of each resample, and read the
 * (1 − level)/2 and (1 + level)/2 quantiles. Every resampled mean lies between the smallest and
 * the largest value, so the interval never leaves a metric's range (a t-interval over a few
 * seeds runs below 0 for a recall near 0). With few seeds it is narrower than a t-interval:
 * it describes the seeds seen, not the worst case.
 *
 * @example
 * seedInterval([0.81, 0.84, 0.86], { seed: 'macroF1' }); // { mean: 0.837, low: 0.81, high: 0.86 }
 */
export function seedInterval(values: readonly number[], options: SeedIntervalOptions): MeanInterval {
  const level = options.level ?? 0.95;
  const samples = options.samples ?? seedResamples;
  if (values.length === 0) throw new RangeError('seedInterval: no values');
  if (!(level > 0 && level < 1)) throw new RangeError(`seedInterval: level must be in (0, 1), got ${level}`);
  const m = mean([...values]);
  if (values.length < 2) return { mean: m, low: m, high: m };
  const rng = createRng(options.seed).fork('seed-interval');
  const means = Array.from({ length: samples }, () => mean(sampleWithReplacement([...values], values.length, rng.uniform)));
  const [low, high] = quantile(means, [(1 - level) / 2, (1 + level) / 2]);
  // Float rounding in the means can step a hair past the extremes; the interval cannot.
  const least = values.reduce((a, b) => Math.min(a, b), Infinity);
  const most = values.reduce((a, b) => Math.max(a, b), -Infinity);
  return { mean: m, low: Math.max(low!, least), high: Math.min(high!, most) };
}

/**
 * b − a paired by seed: the paired t-test's mean difference, its t-interval and p, so the interval
 * and the p always say the same (a percentile interval over five seeds once excluded 0 beside
 * p = 0.10). The interval is clipped to the differences `metric` allows (±1 for a metric in
 * [0, 1]; see `metricBounds`), which a t-interval over a few seeds can otherwise overrun.
 *
 * @example
 * pairedSeedTest([0.6, 0.62, 0.61], [0.7, 0.75, 0.72], 'macroF1'); // { mean: 0.113, low: …, high: …, p: 0.012, … }
 */
export function pairedSeedTest(a: readonly number[], b: readonly number[], metric: string): PairedTest {
  const test = pairedTTest(a, b);
  const range = metricBounds(metric);
  if (!range) return test;
  const widest = range[1] - range[0];
  return { ...test, low: Math.max(test.low, -widest), high: Math.min(test.high, widest) };
}
