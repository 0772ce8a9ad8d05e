import type { LabelCounts } from '../metrics/label-counts.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { applyDecision, argmaxRule, type DecisionRule, type DecisionRuleName } from './decision.ts';
import { moveLeaders, predictWithBias, rowLeaders } from './row-leaders.ts';
import { gridScores } from './tuned-counts.ts';

/**
 * Scores hard predictions against the truth; larger is better. `ofCounts`, when given, is the
 * same score read from per-class counts of those predictions, which lets the tuned rule try a
 * bias without scoring every row again.
 */
export type DecisionScore = ((truth: Int32Array, predicted: Int32Array) => number) & {
  readonly ofCounts?: (counts: LabelCounts) => number;
};

/** What a rule is fitted on: the validation split's probabilities and labels, never the test split's. */
export interface DecisionData {
  probabilities: Matrix;
  truth: Int32Array;
}

const floor = 1e-300;

function negativeLogLikelihood(data: DecisionData, temperature: number): number {
  const p = applyDecision(data.probabilities, { ...argmaxRule(data.probabilities.cols), temperature }).data;
  const k = data.probabilities.cols;
  let sum = 0;
  data.truth.forEach((y, i) => { sum -= Math.log(Math.max(p[i * k + y]!, floor)); });
  return sum / Math.max(data.truth.length, 1);
}

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): the one
 * T > 0 minimising the validation negative log-likelihood of softmax(log p / T), found by a
 * golden-section search over log T in [1/20, 20]. The arg-max never changes.
 */
export function fitTemperature(data: DecisionData): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [low, high] = [Math.log(0.05), Math.log(20)];
  for (let i = 0; i < 60; i++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (negativeLogLikelihood(data, Math.exp(a)) <= negativeLogLikelihood(data, Math.exp(b))) high = b;
    else low = a;
  }
  return Math.exp((low + high) / 2);
}

/**
 * Prior correction: log-biases that move the mean predicted probability of each class on
 * validation to that class's frequency there, undoing the priors a resampling or class
 * weighting taught (Saerens et al. 2002 adjust the same way, with the training priors
 * estimated here from the network's own mean output). A class absent from validation keeps 0.
 */
export function fitPriorBias(data: DecisionData): number[] {
  const k = data.probabilities.cols;
  const n = data.truth.length;
  const frequency = new Array<number>(k).fill(0);
  for (const y of data.truth) frequency[y]! += 1 / n;
  const bias = new Array<number>(k).fill(0);
  // A fixed point: each pass moves every mean by the log-ratio still missing; a few passes settle it.
  for (let pass = 0; pass < 20; pass++) {
    const p = applyDecision(data.probabilities, { ...argmaxRule(k), bias }).data;
    const meanP = new Array<number>(k).fill(0);
    for (let i = 0; i < p.length; i++) meanP[i % k]! += p[i]! / n;
    for (let c = 0; c < k; c++) if (frequency[c]! > 0) bias[c]! += Math.log(frequency[c]! / Math.max(meanP[c]!, floor));
  }
  return bias;
}

const grid = Array.from({ length: 33 }, (_, i) => -4 + i * 0.25);

/**
 * Per-class thresholds as log-biases: coordinate ascent over a grid of biases in [−4, 4],
 * class by class for three sweeps, keeping a change only when it raises `score` on
 * validation. It starts from the arg-max, so the validation score never falls below it.
 * Each row's two leading classes are kept (see {@link rowLeaders}), so trying one bias costs
 * O(rows) and a score, not a new arg-max over every class: O(sweeps · classes · grid · rows).
 * A score readable from counts (`ofCounts`) costs less: each row changes its prediction at most
 * once as a class's bias rises, so a class costs O(rows + grid · classes) (see {@link gridScores}).
 */
export function fitTunedBias(data: DecisionData, score: DecisionScore): number[] {
  const { rows, cols } = data.probabilities;
  const logP = Float64Array.from(data.probabilities.data, (p) => Math.log(Math.max(p, floor)));
  const bias = new Array<number>(cols).fill(0);
  const leaders = rowLeaders(logP, rows, cols, bias);
  const predicted = new Int32Array(rows);
  predictWithBias(leaders, logP, cols, bias, 0, bias[0]!, predicted);
  let best = score(data.truth, predicted);
  for (let sweep = 0; sweep < 3; sweep++) {
    let improved = false;
    for (let c = 0; c < cols; c++) {
      const before = bias[c];
      // The scores do not depend on the best so far: all of a class's can come first.
      const scores = score.ofCounts && leaders.nan.length === 0 && cols > 1
        ? gridScores(leaders, logP, data.truth, c, grid, score.ofCounts)
        : grid.map((value) => {
          predictWithBias(leaders, logP, cols, bias, c, value, predicted);
          return score(data.truth, predicted);
        });
      scores.forEach((s, g) => {
        if (s > best) [best, bias[c], improved] = [s, grid[g]!, true];
      });
      if (bias[c] !== before) moveLeaders(leaders, logP, cols, bias, c);
    }
    if (!improved) break;
  }
  return bias;
}

/**
 * Fits the named rule on validation data.
 *
 * @example
 * const rule = fitDecision('tuned', predictionsOnValidation, (t, p) => classificationMetrics(t, p, names).macroF1, 'macroF1');
 */
export function fitDecision(name: DecisionRuleName, data: DecisionData, score: DecisionScore, metric: string): DecisionRule {
  const rule = argmaxRule(data.probabilities.cols);
  if (name === 'temperature') return { ...rule, rule: name, temperature: fitTemperature(data) };
  if (name === 'prior') return { ...rule, rule: name, bias: fitPriorBias(data) };
  if (name === 'tuned') return { ...rule, rule: name, bias: fitTunedBias(data, score), metric };
  return rule;
}
