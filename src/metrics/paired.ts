import { mean, sampleStandardDeviation } from 'simple-statistics';

// Student's t distribution from the regularised incomplete beta function
// (continued fraction, Lentz's method; Numerical Recipes §6.4), with a Lanczos log-gamma.

function logGamma(x: number): number {
  const g = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  g.forEach((c, i) => (a += c / (z + i + 1)));
  const t = z + g.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    for (const numerator of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(|T| ≥ |t|) for Student's t with `df` degrees of freedom. */
export function tTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The t with P(|T| ≥ t) = 1 − level (e.g. 4.303 for level 0.95, df 2), by bisection. */
export function tCritical(level: number, df: number): number {
  let [low, high] = [0, 1e4];
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (tTwoSided(mid, df) > 1 - level) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** A mean with its two-sided Student-t interval; low = high = mean when n < 2. */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
}

/**
 * The mean of `values` and its 95% (or `level`) confidence interval from Student's t.
 *
 * @example
 * meanInterval([0.81, 0.84, 0.86]); // { mean: 0.837, low: 0.774, high: 0.899 }
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  const m = mean([...values]);
  if (values.length < 2) return { mean: m, low: m, high: m };
  const half = (tCritical(level, values.length - 1) * sampleStandardDeviation([...values])) / Math.sqrt(values.length);
  return { mean: m, low: m - half, high: m + half };
}

/** A paired t-test of b − a: the mean difference, its interval, t, df and the two-sided p. */
export interface PairedTest extends MeanInterval {
  t: number;
  df: number;
  p: number;
}

/**
 * Paired t-test over matched runs (same seed, same splits): is b's mean different from a's?
 *
 * @example
 * pairedTTest(noneRecalls, smoteRecalls).p;
 */
export function pairedTTest(a: readonly number[], b: readonly number[], level = 0.95): PairedTest {
  if (a.length !== b.length) throw new RangeError(`pairedTTest: ${a.length} values against ${b.length}`);
  const differences = b.map((v, i) => v - a[i]!);
  const interval = meanInterval(differences, level);
  const df = differences.length - 1;
  if (df < 1) return { ...interval, t: NaN, df, p: NaN };
  const sd = sampleStandardDeviation(differences);
  if (sd === 0) return { ...interval, t: interval.mean === 0 ? 0 : Math.sign(interval.mean) * Infinity, df, p: interval.mean === 0 ? 1 : 0 };
  const t = interval.mean / (sd / Math.sqrt(differences.length));
  return { ...interval, t, df, p: tTwoSided(t, df) };
}
