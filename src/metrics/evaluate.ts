import type { Dataset } from '../data/dataset.ts';
import type { Classifier } from '../nn/model.ts';
import { argmaxRows } from '../tensor/elementwise.ts';
import { classificationMetrics, type Metrics } from './classification.ts';

/** The most probable class of each row. */
export function predictLabels(model: Classifier, ds: Dataset): Int32Array {
  const predicted = new Int32Array(ds.y.length);
  argmaxRows(model.predictProba(ds.x), predicted);
  return predicted;
}

/**
 * Scores a trained classifier on a labelled split.
 *
 * @example
 * const metrics = evaluate(model, splits.test); // { accuracy, balancedAccuracy, macroF1, gmean, perClass }
 */
export function evaluate(model: Classifier, ds: Dataset): Metrics {
  return classificationMetrics(ds.y, predictLabels(model, ds), ds.classNames);
}
