import { confusionMatrix } from './confusion.ts';

/** Precision, recall and F1 of one class; `null` where the ratio has no examples to stand on. */
export interface ClassMetrics {
  class: string;
  /** null when the class was never predicted. */
  precision: number | null;
  /** null when the class is absent from the truth. */
  recall: number | null;
  f1: number | null;
  support: number;
}

/** The figures `train --json` reports for a test split. */
export interface Metrics {
  accuracy: number;
  /** Mean recall over the classes present in the truth. */
  balancedAccuracy: number;
  /** Mean F1 over the classes present in the truth (a never-predicted class scores 0). */
  macroF1: number;
  /** Geometric mean of the recalls of the classes present in the truth. */
  gmean: number;
  perClass: ClassMetrics[];
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Classification metrics from labels. Averages run over the classes that occur in the
 * truth, so a class missing from a small test split neither counts as zero nor makes NaN.
 *
 * @example
 * classificationMetrics([0, 0, 1, 1], [0, 1, 1, 1], ['a', 'b']).balancedAccuracy; // 0.75
 */
export function classificationMetrics(
  truth: ArrayLike<number>, predicted: ArrayLike<number>, classNames: readonly string[],
): Metrics {
  const k = classNames.length;
  const cm = confusionMatrix(truth, predicted, k);
  let correct = 0;
  const perClass: ClassMetrics[] = classNames.map((name, c) => {
    const tp = cm[c]![c]!;
    correct += tp;
    const support = cm[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = cm.reduce((a, row) => a + row[c]!, 0);
    // A class never predicted has no precision to speak of; it still scores F1 = 0 if present.
    const precision = predictedCount > 0 ? tp / predictedCount : null;
    const recall = support > 0 ? tp / support : null;
    const f1 = recall === null ? null : tp === 0 ? 0 : (2 * (precision ?? 0) * recall) / ((precision ?? 0) + recall);
    return { class: name, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  const recalls = present.map((c) => c.recall!);
  return {
    accuracy: truth.length === 0 ? 0 : correct / truth.length,
    balancedAccuracy: mean(recalls),
    macroF1: mean(present.map((c) => c.f1!)),
    gmean: recalls.length === 0 ? 0 : Math.pow(recalls.reduce((a, b) => a * b, 1), 1 / recalls.length),
    perClass,
  };
}
