import type { Dataset } from '../data/dataset.ts';
import { brierScore, expectedCalibrationError } from '../metrics/calibration.ts';
import { classificationMetrics, labelMetrics, metricsOfCounts, type Metrics } from '../metrics/classification.ts';
import type { LabelCounts } from '../metrics/label-counts.ts';
import { checkFiniteOutputs } from '../metrics/evaluate.ts';
import { metricRecord } from '../metrics/registry.ts';
import type { Classifier } from '../nn/model.ts';
import { argmaxRows } from '../tensor/elementwise.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { applyDecision, type DecisionRule, type DecisionRuleName } from './decision.ts';
import { fitDecision, type DecisionScore } from './decision-fit.ts';

/** A rule's effect on one split: the metric the rule serves and the calibration. */
export interface DecisionSummary {
  metric: number;
  ece: number;
  brier: number;
}

/** A decision rule fitted on validation and applied once to the test split. */
export interface DecisionOutcome {
  rule: DecisionRule;
  /** Test metrics under the rule. */
  test: Metrics;
  /** The test split before (arg-max of the network) and after the rule. */
  before: DecisionSummary;
  after: DecisionSummary;
  /** The test split's class probabilities under the rule, one row per test row: what `predict --proba` gives for them. */
  probabilities: Matrix;
}

/** A metric as a decision rule serves it: its name, its score of hard predictions, and its value among full metrics. */
export interface DecisionMetric {
  name: string;
  score: DecisionScore;
  read: (m: Metrics) => number;
}

/**
 * A registered metric (or one with an argument) as a `tuned` rule maximises it. A metric read
 * from probabilities (PR-AUC) does not change with hard predictions, so `tuned` keeps the arg-max.
 *
 * @example
 * decide(model, splits, 'tuned', decisionMetric('recall:fraud', classNames));
 */
export function decisionMetric(name: string, names: readonly string[]): DecisionMetric {
  const record = metricRecord(name);
  const score = Object.assign((truth: Int32Array, predicted: Int32Array) => record.of(labelMetrics(truth, predicted, names)), {
    ofCounts: (counts: LabelCounts) => record.of(metricsOfCounts(counts, names, null)),
  });
  return { name, score, read: (m) => record.of(m) };
}

/** The metrics of probabilities taken through their arg-max. */
export function metricsOfProbabilities(truth: Int32Array, probabilities: Matrix, classNames: readonly string[]): Metrics {
  const predicted = new Int32Array(truth.length);
  argmaxRows(probabilities, predicted);
  return classificationMetrics(truth, predicted, classNames, probabilities);
}

/**
 * Fits the named rule on the validation split only, then scores the test split before and
 * after it. `metric` names what `score` computes (a `tuned` rule maximises it) and reads the
 * same figure from full metrics for the summaries.
 *
 * @example
 * const outcome = decide(model, splits, 'prior', decisionMetric('macroF1', classNames));
 */
export function decide(
  classifier: Classifier, splits: { validation: Dataset; test: Dataset }, name: DecisionRuleName,
  metric: DecisionMetric,
): DecisionOutcome {
  const { validation, test } = splits;
  const probabilities = classifier.predictProba(validation.x);
  checkFiniteOutputs(probabilities);
  const rule = fitDecision(name, { probabilities, truth: validation.y }, metric.score, metric.name);
  const raw = classifier.predictProba(test.x);
  const decided = applyDecision(raw, rule);
  const summary = (p: Matrix, m: Metrics): DecisionSummary =>
    ({ metric: metric.read(m), ece: expectedCalibrationError(test.y, p), brier: brierScore(test.y, p) });
  const testMetrics = metricsOfProbabilities(test.y, decided, test.classNames);
  return {
    rule,
    test: testMetrics,
    before: summary(raw, metricsOfProbabilities(test.y, raw, test.classNames)),
    after: summary(decided, testMetrics),
    probabilities: decided,
  };
}
