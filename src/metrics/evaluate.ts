import type { Dataset } from '../data/dataset.ts';
import type { Classifier } from '../nn/model.ts';
import { argmaxRows } from '../tensor/elementwise.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { classificationMetrics, type Metrics } from './classification.ts';

/** A classifier's output on a labelled split: what every metric is computed from. */
export interface Predictions {
  truth: Int32Array;
  /** The most probable class of each row. */
  predicted: Int32Array;
  /** One row of class probabilities per example. */
  probabilities: Matrix;
  classNames: readonly string[];
}

/**
 * Runs the classifier once over a split and keeps its probabilities and labels.
 *
 * @example
 * const p = predictions(model, splits.test);
 * const macroF1 = bootstrapInterval(p, (q) => metricsOf(q).macroF1, { seed: 1 });
 */
export function predictions(model: Classifier, ds: Dataset): Predictions {
  const probabilities = model.predictProba(ds.x);
  const predicted = new Int32Array(ds.y.length);
  argmaxRows(probabilities, predicted);
  return { truth: ds.y, predicted, probabilities, classNames: ds.classNames };
}

/**
 * Every metric of a set of predictions, the AUCs included.
 *
 * @example
 * metricsOf(predictions(model, splits.test)).rocAuc;
 */
export function metricsOf(p: Predictions): Metrics {
  return classificationMetrics(p.truth, p.predicted, p.classNames, p.probabilities);
}

/** The most probable class of each row. */
export function predictLabels(model: Classifier, ds: Dataset): Int32Array {
  return predictions(model, ds).predicted;
}

/**
 * Scores a trained classifier on a labelled split, AUCs from its probabilities.
 *
 * @example
 * const metrics = evaluate(model, splits.test); // { accuracy, balancedAccuracy, macroF1, mcc, rocAuc, perClass, … }
 */
export function evaluate(model: Classifier, ds: Dataset): Metrics {
  return metricsOf(predictions(model, ds));
}

/** What a run whose network outputs NaN (or ±Infinity) after its last step is told. */
export const divergedOutputs = 'training diverged: the trained network outputs NaN after its last step (try a smaller learning rate)';

/**
 * Throws when class probabilities are not all finite. The trainer checks each step's loss
 * before the step, so the last step can still blow the weights up unseen; such a network
 * scores nothing (its NaN scores once hung the AUCs) and a file of it would be refused by `predict`.
 *
 * @example
 * checkFiniteOutputs(model.predictProba(validation.x));
 */
export function checkFiniteOutputs(probabilities: Matrix): void {
  if (!probabilities.data.every(Number.isFinite)) throw new Error(divergedOutputs);
}
