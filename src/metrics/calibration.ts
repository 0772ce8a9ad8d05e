import type { Matrix } from '../tensor/matrix.ts';

/** One confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  /** The bin's confidence range [low, high). */
  low: number;
  high: number;
  count: number;
  /** Mean top-class probability of the rows in the bin (null when empty). */
  confidence: number | null;
  /** Share of those rows whose top class is right (null when empty). */
  accuracy: number | null;
}

/**
 * The reliability diagram's bins (Guo et al. 2017): rows grouped by the probability of their
 * predicted (top) class into `bins` equal-width bins of [0, 1].
 *
 * @example
 * reliabilityBins(truth, probabilities, 10).map((b) => b.accuracy);
 */
export function reliabilityBins(truth: ArrayLike<number>, probabilities: Matrix, bins = 15): ReliabilityBin[] {
  const { cols, data } = probabilities;
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  for (let i = 0; i < truth.length; i++) {
    let top = 0;
    for (let j = 1; j < cols; j++) if (data[i * cols + j]! > data[i * cols + top]!) top = j;
    const p = data[i * cols + top]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++;
    confidence[b]! += p;
    if (top === truth[i]) correct[b]!++;
  }
  return count.map((n, b) => ({
    low: b / bins, high: (b + 1) / bins, count: n,
    confidence: n === 0 ? null : confidence[b]! / n,
    accuracy: n === 0 ? null : correct[b]! / n,
  }));
}

/**
 * Expected calibration error: Σ over bins of (rows in bin / rows) · |accuracy − confidence|,
 * with 15 equal-width bins as Guo et al. 2017; 0 for no rows. Smaller is better.
 *
 * @example
 * expectedCalibrationError([0, 1], fromRows([[0.9, 0.1], [0.2, 0.8]])); // ≈ 0.15
 */
export function expectedCalibrationError(truth: ArrayLike<number>, probabilities: Matrix, bins = 15): number {
  if (truth.length === 0) return 0;
  return reliabilityBins(truth, probabilities, bins)
    .reduce((sum, b) => sum + (b.count === 0 ? 0 : (b.count / truth.length) * Math.abs(b.accuracy! - b.confidence!)), 0);
}

/**
 * The multi-class Brier score: the mean over rows of Σ_c (p_c − [c = truth])², in [0, 2];
 * 0 for no rows. Smaller is better.
 *
 * @example
 * brierScore([0], fromRows([[0.75, 0.25]])); // 0.125
 */
export function brierScore(truth: ArrayLike<number>, probabilities: Matrix): number {
  if (truth.length === 0) return 0;
  const { cols, data } = probabilities;
  let sum = 0;
  for (let i = 0; i < truth.length; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j]! - (j === truth[i] ? 1 : 0);
      sum += d * d;
    }
  }
  return sum / truth.length;
}
