import { errorFunction } from 'simple-statistics';
import type { Rng } from '../../tensor/rng.ts';

/**
 * The Parzen estimators of TPE (Bergstra et al. 2011), as Optuna builds them: a weighted
 * mixture with one kernel per observed trial plus a prior kernel. A kernel spans a group of
 * dimensions (one dimension when univariate; several when multivariate, Falkner et al. 2018):
 * a truncated normal on a numeric dimension (in its sampling scale), a categorical
 * distribution peaked at the observed value on a choice.
 */
export type Dimension = { kind: 'numeric'; low: number; high: number } | { kind: 'choice'; size: number };

/** An observation's value on a dimension: a position in the scale, or a choice's index. */
export type Point = readonly number[];

export interface ParzenOptions {
  /** Weight of the prior kernel (Optuna: 1). */
  priorWeight: number;
  /** Bounds each kernel's width below by the range over min(100, kernels + 1) (Optuna's magic clip). */
  magicClip: boolean;
  /** Whether an edge observation's width may reach the range's end (Optuna: false). */
  considerEndpoints: boolean;
  /** Kernels share one width per dimension, as Optuna's multivariate TPE does. */
  multivariate: boolean;
}

// Each kernel keeps the log of its normaliser (or of its probabilities): a density is evaluated far more often than fitted.
type Kernel = { mu: number; sigma: number; mass: number; logNorm: number } | { probs: number[]; logProbs: number[] };

/** A fitted mixture: component weights (summing to 1) and, per component, one kernel a dimension. */
export interface Mixture {
  dimensions: readonly Dimension[];
  weights: number[];
  kernels: Kernel[][];
  /** For a mixture over one choice, its log density at each value once computed. */
  choiceCache?: Float64Array;
}

const phi = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));
const eps = 1e-12;

/** Optuna's univariate widths: the larger gap to a neighbour (the range's ends count), clipped. */
function neighbourWidths(mus: readonly number[], low: number, high: number, options: ParzenOptions): number[] {
  const order = mus.map((_, i) => i).sort((a, b) => mus[a]! - mus[b]!);
  const sorted = [low, ...order.map((i) => mus[i]!), high];
  const widths = order.map((_, k) => Math.max(sorted[k + 1]! - sorted[k]!, sorted[k + 2]! - sorted[k + 1]!));
  if (!options.considerEndpoints && sorted.length >= 4) {
    widths[0] = sorted[2]! - sorted[1]!;
    widths[widths.length - 1] = sorted.at(-2)! - sorted.at(-3)!;
  }
  const out = new Array<number>(mus.length);
  order.forEach((i, k) => { out[i] = widths[k]!; });
  return out;
}

function numericKernels(values: readonly number[], low: number, high: number, groupSize: number, options: ParzenOptions): Kernel[] {
  const width = high - low;
  const sigmas = options.multivariate
    ? values.map(() => 0.2 * Math.max(values.length, 1) ** (-1 / (groupSize + 4)) * width)
    : neighbourWidths(values, low, high, options);
  const minSigma = options.magicClip ? width / Math.min(100, values.length + 2) : eps;
  const kernel = (mu: number, sigma: number): Kernel => {
    const s = Math.max(eps, sigma);
    const mass = Math.max(eps, phi((high - mu) / s) - phi((low - mu) / s));
    return { mu, sigma: s, mass, logNorm: Math.log(s * Math.sqrt(2 * Math.PI) * mass) };
  };
  return [
    ...values.map((mu, i) => kernel(mu, Math.min(width, Math.max(minSigma, sigmas[i]!)))),
    kernel((low + high) / 2, width),
  ];
}

const withLogs = (probs: number[]) => ({ probs, logProbs: probs.map(Math.log) });

function choiceKernels(values: readonly number[], size: number, options: ParzenOptions): Kernel[] {
  const floor = options.priorWeight / (values.length + 1);
  const peaked = (at: number) => {
    const raw = Array.from({ length: size }, (_, v) => floor + (v === at ? 1 : 0));
    const total = raw.reduce((a, b) => a + b, 0);
    return withLogs(raw.map((p) => p / total));
  };
  return [...values.map(peaked), withLogs(new Array<number>(size).fill(1 / size))];
}

/**
 * Optuna's default weights of observations given oldest first: equal up to 25, then the older
 * ones ramp down linearly from 1/n so the 25 newest weigh most.
 */
export function observationWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = Array.from({ length: n - 25 }, (_, i) => (n - 25 === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (n - 26)));
  return [...ramp, ...new Array<number>(25).fill(1)];
}

/** Fits the mixture of `points` (oldest first) over `dimensions`. */
export function fitMixture(dimensions: readonly Dimension[], points: readonly Point[], options: ParzenOptions): Mixture {
  const raw = [...observationWeights(points.length), options.priorWeight];
  const total = raw.reduce((a, b) => a + b, 0);
  const columns = dimensions.map((d, j) => {
    const values = points.map((p) => p[j]!);
    return d.kind === 'numeric' ? numericKernels(values, d.low, d.high, dimensions.length, options) : choiceKernels(values, d.size, options);
  });
  return { dimensions, weights: raw.map((w) => w / total), kernels: raw.map((_, i) => columns.map((c) => c[i]!)) };
}

function pick(probs: readonly number[], rng: Rng): number {
  let u = rng.uniform();
  for (let i = 0; i < probs.length - 1; i++) {
    u -= probs[i]!;
    if (u < 0) return i;
  }
  return probs.length - 1;
}

/** One draw from the mixture: a component by weight, then each dimension from its kernel (a normal truncated by rejection). */
export function sampleMixture(m: Mixture, rng: Rng): number[] {
  const component = m.kernels[pick(m.weights, rng)]!;
  return m.dimensions.map((d, j) => {
    const k = component[j]!;
    if ('probs' in k) return pick(k.probs, rng);
    if (d.kind !== 'numeric') throw new TypeError('a numeric kernel on a choice dimension');
    for (let attempt = 0; attempt < 100; attempt++) {
      const x = rng.normal(k.mu, k.sigma);
      if (x >= d.low && x <= d.high) return x;
    }
    return Math.min(d.high, Math.max(d.low, k.mu));
  });
}

/** The mixture's log density at a point (log-sum-exp over components), in plain loops: planning evaluates it for every candidate. */
export function logDensity(m: Mixture, point: Point): number {
  const only = m.dimensions.length === 1 ? m.dimensions[0]! : undefined;
  if (only?.kind !== 'choice') return sumDensity(m, point);
  // One choice: the density takes `size` values, each computed once.
  const cache = (m.choiceCache ??= new Float64Array(only.size).fill(NaN));
  const x = point[0]!;
  if (Number.isNaN(cache[x]!)) cache[x] = sumDensity(m, point);
  return cache[x]!;
}

function sumDensity(m: Mixture, point: Point): number {
  const terms = new Float64Array(m.kernels.length);
  let top = -Infinity;
  for (let i = 0; i < m.kernels.length; i++) {
    const component = m.kernels[i]!;
    let sum = Math.log(m.weights[i]!);
    for (let j = 0; j < component.length; j++) {
      const k = component[j]!;
      const x = point[j]!;
      if ('probs' in k) {
        sum += k.logProbs[x]!;
      } else {
        const z = (x - k.mu) / k.sigma;
        sum = sum - 0.5 * z * z - k.logNorm;
      }
    }
    terms[i] = sum;
    if (sum > top) top = sum;
  }
  let total = 0;
  for (const t of terms) total += Math.exp(t - top);
  return top + Math.log(total);
}
