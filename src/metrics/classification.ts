import type { Matrix } from '../tensor/matrix.ts';
import { oneVsRest } from './auc.ts';
import { confusionMatrix } from './confusion.ts';
import { countsOfConfusion, labelCounts, type LabelCounts } from './label-counts.ts';
import { mccOfCounts } from './mcc.ts';

/** Precision, recall and F1 of one class; `null` where the ratio has no examples to stand on. */
export interface ClassMetrics {
  class: string;
  /** null when the class was never predicted (0/0). */
  precision: number | null;
  /** null when the class is absent from the truth (0/0). */
  recall: number | null;
  /** null when the class is absent from the truth; 0 when present but never predicted correctly. */
  f1: number | null;
  /** Examples of the class in the truth. */
  support: number;
  /** One-vs-rest ROC-AUC; null without probabilities, or when the truth has no example of the class or nothing else. */
  rocAuc: number | null;
  /** One-vs-rest average precision; null without probabilities, or when the truth has no example of the class. */
  prAuc: number | null;
}

/**
 * The figures `train --json` reports for a test split.
 *
 * How the awkward classes count (so that no average is ever NaN):
 * - a class **never predicted** but present in the truth has precision `null` (0/0),
 *   recall 0 and F1 0; it counts as 0 in balancedAccuracy, macroF1 and weightedF1, and
 *   makes gmean 0, which is the point of G-mean;
 * - a class **absent from the test split** has recall, F1 and the AUCs `null` and is left out
 *   of balancedAccuracy, macroF1, gmean, rocAuc and prAuc (and weighs 0 in weightedF1);
 *   predictions of it are still errors, which lower accuracy, MCC and the recall of the
 *   classes those examples belong to;
 * - an average over no class at all (an empty test split) is 0, and rocAuc / prAuc are
 *   `null` when no class has a defined area (or no probabilities were given).
 */
export interface Metrics {
  accuracy: number;
  /** Mean recall over the classes present in the truth. */
  balancedAccuracy: number;
  /** Mean F1 over the classes present in the truth (a never-predicted class scores 0). */
  macroF1: number;
  /** F1 averaged over the classes present in the truth, weighted by support. */
  weightedF1: number;
  /** Geometric mean of the recalls of the classes present in the truth. */
  gmean: number;
  /** Matthews correlation coefficient (multi-class form); 0 when undefined. */
  mcc: number;
  /** Macro one-vs-rest ROC-AUC over the classes where it is defined. */
  rocAuc: number | null;
  /** Macro one-vs-rest average precision over the classes present in the truth. */
  prAuc: number | null;
  /** Entry [t][p] counts examples of true class t predicted as p. */
  confusion: number[][];
  perClass: ClassMetrics[];
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function meanDefined(xs: (number | null)[]): number | null {
  const defined = xs.filter((x): x is number => x !== null);
  return defined.length === 0 ? null : mean(defined);
}

/** The metrics of hard predictions without the confusion matrix: what a metric's score reads. */
export type LabelMetrics = Omit<Metrics, 'confusion'>;

/**
 * The metrics of labels from their per-class counts (see {@link labelCounts}); `areas` are the
 * one-vs-rest AUCs when probabilities were given.
 *
 * @example
 * metricsOfCounts(labelCounts([0, 1], [0, 0], 2), ['a', 'b'], null).accuracy; // 0.5
 */
export function metricsOfCounts(counts: LabelCounts, classNames: readonly string[], areas: ReturnType<typeof oneVsRest> | null): LabelMetrics {
  const perClass: ClassMetrics[] = classNames.map((name, c) => {
    const tp = counts.correct[c]!;
    const support = counts.truth[c]!;
    const predictedCount = counts.predicted[c]!;
    const precision = predictedCount > 0 ? tp / predictedCount : null;
    const recall = support > 0 ? tp / support : null;
    // tp = 0 covers the never-predicted class (precision null): its F1 is 0, not 0/0.
    const f1 = recall === null ? null : tp === 0 ? 0 : (2 * precision! * recall) / (precision! + recall);
    return {
      class: name, precision, recall, f1, support,
      rocAuc: areas?.rocAuc[c] ?? null,
      prAuc: areas?.prAuc[c] ?? null,
    };
  });
  const correct = counts.correct.reduce((a, b) => a + b, 0);
  const present = perClass.filter((c) => c.support > 0);
  const recalls = present.map((c) => c.recall!);
  const supportTotal = present.reduce((a, c) => a + c.support, 0);
  return {
    accuracy: counts.total === 0 ? 0 : correct / counts.total,
    balancedAccuracy: mean(recalls),
    macroF1: mean(present.map((c) => c.f1!)),
    weightedF1: supportTotal === 0 ? 0 : present.reduce((a, c) => a + c.f1! * c.support, 0) / supportTotal,
    gmean: recalls.length === 0 ? 0 : Math.pow(recalls.reduce((a, b) => a * b, 1), 1 / recalls.length),
    mcc: mccOfCounts(counts),
    rocAuc: meanDefined(perClass.map((c) => c.rocAuc)),
    prAuc: meanDefined(perClass.map((c) => c.prAuc)),
    perClass,
  };
}

/**
 * The metrics of labels alone, without the confusion matrix: O(n + k), for scoring the many
 * candidate predictions a tuned decision rule tries. The AUCs are null (no probabilities).
 *
 * @example
 * labelMetrics([0, 0, 1, 1], [0, 1, 1, 1], ['a', 'b']).balancedAccuracy; // 0.75
 */
export function labelMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>, classNames: readonly string[]): LabelMetrics {
  return metricsOfCounts(labelCounts(truth, predicted, classNames.length), classNames, null);
}

/**
 * Classification metrics from labels, and the AUCs when class probabilities are given
 * (one row per example, one column per class). Averages run over the classes that occur
 * in the truth, so a class missing from a small test split neither counts as zero nor
 * makes NaN; see {@link Metrics} for the rules.
 *
 * @example
 * classificationMetrics([0, 0, 1, 1], [0, 1, 1, 1], ['a', 'b']).balancedAccuracy; // 0.75
 */
export function classificationMetrics(
  truth: ArrayLike<number>, predicted: ArrayLike<number>, classNames: readonly string[], probabilities?: Matrix,
): Metrics {
  const confusion = confusionMatrix(truth, predicted, classNames.length);
  const areas = probabilities ? oneVsRest(truth, probabilities) : null;
  const { perClass, ...figures } = metricsOfCounts(countsOfConfusion(confusion), classNames, areas);
  return { ...figures, confusion, perClass };
}
