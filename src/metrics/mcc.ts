import { countsOfConfusion, type LabelCounts } from './label-counts.ts';

/**
 * Matthews correlation coefficient of K-class predictions, in Gorodkin's form (Gorodkin 2004,
 * "Comparing two K-category assignments by a K-category correlation coefficient"): with c
 * correct out of s, t_k true and p_k predicted examples of class k,
 * MCC = (c·s − Σ p_k·t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)). For two classes it is the
 * usual (TP·TN − FP·FN) / √(…). When a factor of the denominator is 0 (every example in
 * one true class, or every prediction the same) the correlation is undefined and this
 * returns 0, as scikit-learn does, so that averages over runs stay numbers.
 *
 * @example
 * mccOfCounts(labelCounts([0, 0, 1, 1], [0, 0, 1, 1], 2)); // 1
 */
export function mccOfCounts(counts: LabelCounts): number {
  const { total, truth, predicted } = counts;
  const correct = counts.correct.reduce((a, b) => a + b, 0);
  const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
  const covariance = correct * total - dot(predicted, truth);
  const spreadPredicted = total * total - dot(predicted, predicted);
  const spreadTrue = total * total - dot(truth, truth);
  const denominator = Math.sqrt(spreadPredicted * spreadTrue);
  return denominator === 0 ? 0 : covariance / denominator;
}

/**
 * The Matthews correlation of a confusion matrix (entry [t][p]: true t predicted as p); see {@link mccOfCounts}.
 *
 * @example
 * matthewsCorrelation([[2, 0], [0, 2]]); // 1
 */
export function matthewsCorrelation(confusion: readonly (readonly number[])[]): number {
  return mccOfCounts(countsOfConfusion(confusion));
}
