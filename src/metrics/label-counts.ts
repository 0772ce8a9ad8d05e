/** Per-class counts of hard predictions: every metric of labels alone is a function of these. */
export interface LabelCounts {
  /** Examples of class c predicted as c. */
  correct: number[];
  /** Examples of class c in the truth (its support). */
  truth: number[];
  /** Predictions of class c. */
  predicted: number[];
  total: number;
}

const zeros = (k: number) => new Array<number>(k).fill(0);
const zeroCounts = (k: number): LabelCounts => ({ correct: zeros(k), truth: zeros(k), predicted: zeros(k), total: 0 });

/**
 * Counts truth and predictions per class in one pass: O(n + k), where a confusion matrix is O(n + k²).
 *
 * @example
 * labelCounts([0, 1, 1], [0, 0, 1], 2); // { correct: [1, 1], truth: [1, 2], predicted: [2, 1], total: 3 }
 */
export function labelCounts(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): LabelCounts {
  if (truth.length !== predicted.length) {
    throw new RangeError(`labelCounts: ${truth.length} true labels but ${predicted.length} predictions`);
  }
  const counts = zeroCounts(classes);
  counts.total = truth.length;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    counts.truth[t]!++;
    counts.predicted[p]!++;
    if (t === p) counts.correct[t]!++;
  }
  return counts;
}

/**
 * The counts a confusion matrix holds (entry [t][p]: true t predicted as p).
 *
 * @example
 * countsOfConfusion([[1, 0], [1, 1]]); // { correct: [1, 1], truth: [1, 2], predicted: [2, 1], total: 3 }
 */
export function countsOfConfusion(confusion: readonly (readonly number[])[]): LabelCounts {
  const k = confusion.length;
  const counts = zeroCounts(k);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const n = confusion[t]![p]!;
      counts.total += n;
      counts.truth[t]! += n;
      counts.predicted[p]! += n;
      if (t === p) counts.correct[t]! += n;
    }
  }
  return counts;
}
