/**
 * Confusion matrix: entry [t][p] counts examples of true class t predicted as p.
 *
 * @example
 * confusionMatrix([0, 1, 1], [0, 0, 1], 2); // [[1, 0], [1, 1]]
 */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  if (truth.length !== predicted.length) {
    throw new RangeError(`confusionMatrix: ${truth.length} true labels but ${predicted.length} predictions`);
  }
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]!]![predicted[i]!]!++;
  return m;
}
