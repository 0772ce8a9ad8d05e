/**
 * Matthews correlation coefficient of a K-class confusion matrix, in Gorodkin's form
 * (Gorodkin 2004, "Comparing two K-category assignments by a K-category correlation
 * coefficient"): with c correct out of s, t_k true and p_k predicted examples of class k,
 * MCC = (c·s − Σ p_k·t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)). For two classes it is the
 * usual (TP·TN − FP·FN) / √(…). When a factor of the denominator is 0 (every example in
 * one true class, or every prediction the same) the correlation is undefined and this
 * returns 0, as scikit-learn does, so that averages over runs stay numbers.
 *
 * @example
 * matthewsCorrelation([[2, 0], [0, 2]]); // 1
 */
export function matthewsCorrelation(confusion: readonly (readonly number[])[]): number {
  const k = confusion.length;
  let correct = 0;
  let total = 0;
  const truePerClass = new Array<number>(k).fill(0);
  const predictedPerClass = new Array<number>(k).fill(0);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const n = confusion[t]![p]!;
      total += n;
      truePerClass[t]! += n;
      predictedPerClass[p]! += n;
      if (t === p) correct += n;
    }
  }
  const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
  const covariance = correct * total - dot(predictedPerClass, truePerClass);
  const spreadPredicted = total * total - dot(predictedPerClass, predictedPerClass);
  const spreadTrue = total * total - dot(truePerClass, truePerClass);
  const denominator = Math.sqrt(spreadPredicted * spreadTrue);
  return denominator === 0 ? 0 : covariance / denominator;
}
