import type { Dataset } from '../data/dataset.ts';
import { brierScore, expectedCalibrationError, reliabilityBins, type ReliabilityBin } from '../metrics/calibration.ts';
import type { Metrics } from '../metrics/classification.ts';
import type { MeanInterval, PairedTest } from '../metrics/paired.ts';
import { pairedSeedTest, seedInterval } from '../metrics/seed-interval.ts';
import type { Classifier } from '../nn/model.ts';
import { metricsOfProbabilities } from './decide.ts';
import { applyDecision, type DecisionRule, type DecisionRuleName } from './decision.ts';
import { fitDecision, type DecisionScore } from './decision-fit.ts';

/** One decision rule's test figures: fitted on validation, scored once on test. */
export interface RuleOutcome {
  rule: DecisionRule;
  metrics: Metrics;
  ece: number;
  brier: number;
  bins: ReliabilityBin[];
}

/**
 * Every named rule fitted on the validation split and applied to the test split, from one
 * pass of the classifier over each split.
 *
 * @example
 * const [argmax, tuned] = ruleOutcomes(model, splits, ['argmax', 'tuned'], score, 'macroF1');
 */
export function ruleOutcomes(
  classifier: Classifier, splits: { validation: Dataset; test: Dataset }, rules: readonly DecisionRuleName[],
  score: DecisionScore, metric: string,
): RuleOutcome[] {
  const validation = { probabilities: classifier.predictProba(splits.validation.x), truth: splits.validation.y };
  const test = classifier.predictProba(splits.test.x);
  const { y, classNames } = splits.test;
  return rules.map((name) => {
    const rule = fitDecision(name, validation, score, metric);
    const p = applyDecision(test, rule);
    return {
      rule, metrics: metricsOfProbabilities(y, p, classNames),
      ece: expectedCalibrationError(y, p), brier: brierScore(y, p), bins: reliabilityBins(y, p, 10),
    };
  });
}

/**
 * Reliability bins of several runs pooled: counts added, confidence and accuracy weighted by them.
 *
 * @example
 * pooledBins(outcomesBySeed.map((o) => o.bins));
 */
export function pooledBins(runs: readonly (readonly ReliabilityBin[])[]): ReliabilityBin[] {
  return runs[0]!.map((first, b) => {
    const count = runs.reduce((n, r) => n + r[b]!.count, 0);
    const weighted = (pick: (bin: ReliabilityBin) => number | null) =>
      count === 0 ? null : runs.reduce((s, r) => s + (pick(r[b]!) ?? 0) * r[b]!.count, 0) / count;
    return { low: first.low, high: first.high, count, confidence: weighted((x) => x.confidence), accuracy: weighted((x) => x.accuracy) };
  });
}

/** A rule's test figures over seeds: means with intervals, pooled reliability bins, and the paired change from `argmax`. */
export interface RuleSummary {
  rule: DecisionRuleName;
  macroF1: MeanInterval;
  ece: MeanInterval;
  brier: MeanInterval;
  bins: ReliabilityBin[];
  /** Paired over seeds against the first rule (`argmax`); absent for that rule itself. */
  versusArgmax?: { macroF1: PairedTest; ece: PairedTest; brier: PairedTest };
}

const figures = ['macroF1', 'ece', 'brier'] as const;
const figure = (o: RuleOutcome, f: (typeof figures)[number]) => (f === 'macroF1' ? o.metrics.macroF1 : o[f]);

/**
 * Summarises `runs[seed][rule]` (the same rules in each run, `argmax` first) over seeds.
 *
 * @example
 * summariseRules(seeds.map((seed) => ruleOutcomes(modelOf(seed), splits, ['argmax', 'prior'], score, 'macroF1')));
 */
export function summariseRules(runs: readonly (readonly RuleOutcome[])[]): RuleSummary[] {
  const values = (r: number, f: (typeof figures)[number]) => runs.map((run) => figure(run[r]!, f));
  return runs[0]!.map((first, r) => {
    const per = (make: (f: (typeof figures)[number]) => MeanInterval | PairedTest) =>
      Object.fromEntries(figures.map((f) => [f, make(f)]));
    return {
      rule: first.rule.rule,
      ...(per((f) => seedInterval(values(r, f), { seed: `${first.rule.rule}/${f}` })) as Record<(typeof figures)[number], MeanInterval>),
      bins: pooledBins(runs.map((run) => run[r]!.bins)),
      ...(r > 0 && { versusArgmax: per((f) => pairedSeedTest(values(0, f), values(r, f), f)) as Record<(typeof figures)[number], PairedTest> }),
    };
  });
}
