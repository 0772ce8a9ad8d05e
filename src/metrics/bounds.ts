import { isMetricName, metricRecord } from './registry.ts';

// The range each reported quantity can take, so an interval can be checked against it and a
// chart's axis can span it: the metric registry's bounds, and those of the other quantities
// reports show (per-class figures, AUCs, losses, shares of variance).

const unit = [0, 1] as const;
const bounds: Record<string, readonly [number, number]> = {
  weightedF1: unit, minorityRecall: unit,
  prAuc: unit, rocAuc: unit, precision: unit, recall: unit, f1: unit, trainAccuracy: unit, testAccuracy: unit, valAccuracy: unit,
  mcc: [-1, 1],
  // A share of variance (the study report's hyperparameter importance, η²).
  share: unit,
  loss: [0, Infinity], finalLoss: [0, Infinity], valLoss: [0, Infinity],
  // Calibration: the expected calibration error, and the multi-class Brier score Σ_c (p_c − [c = truth])².
  ece: unit, brier: [0, 2],
};

/**
 * The closed range of a metric or loss by its report.json name, or null for a name it does not know.
 *
 * @example
 * metricBounds('gmean'); // [0, 1]
 * metricBounds('mcc'); // [-1, 1]
 */
export function metricBounds(name: string): readonly [number, number] | null {
  if (isMetricName(name)) return metricRecord(name).bounds;
  return Object.hasOwn(bounds, name) ? bounds[name]! : null;
}
