import { describe, expect, it } from 'vitest';
import { argmaxRows, classificationMetrics, createRng, decisionMetric, fitTunedBias, matrix, type DecisionScore, type Matrix } from '../../src/internal.ts';
import { labelMetrics } from '../../src/metrics/classification.ts';
import { metricRecord } from '../../src/metrics/registry.ts';

/** The tuned rule as first written: a full arg-max over every class for every bias tried (O(rows · classes) each). */
function bruteForceTunedBias(probabilities: Matrix, truth: Int32Array, score: DecisionScore): number[] {
  const { rows, cols } = probabilities;
  const grid = Array.from({ length: 33 }, (_, i) => -4 + i * 0.25);
  const logP = Float64Array.from(probabilities.data, (p) => Math.log(Math.max(p, 1e-300)));
  const shifted = matrix(rows, cols, 'float64');
  const predicted = new Int32Array(rows);
  const bias = new Array<number>(cols).fill(0);
  const evaluate = (b: readonly number[]) => {
    for (let i = 0; i < shifted.data.length; i++) shifted.data[i] = logP[i]! + b[i % cols]!;
    argmaxRows(shifted, predicted);
    return score(truth, predicted);
  };
  let best = evaluate(bias);
  for (let sweep = 0; sweep < 3; sweep++) {
    let improved = false;
    for (let c = 0; c < cols; c++) {
      for (const value of grid) {
        const trial = bias.slice();
        trial[c] = value;
        const s = evaluate(trial);
        if (s > best) [best, bias[c], improved] = [s, value, true];
      }
    }
    if (!improved) break;
  }
  return bias;
}

/** Random class probabilities: coarse levels (so rows hold ties, as 0.25-step biases meet equal logs), zeros, and a few NaN rows. */
function randomCase(seed: number) {
  const rng = createRng(`tuned-${seed}`);
  const rows = 20 + Math.floor(rng.uniform() * 300);
  const cols = 2 + Math.floor(rng.uniform() * 9);
  const probabilities = matrix(rows, cols, 'float64');
  const coarse = rng.uniform() < 0.5;
  for (let i = 0; i < rows; i++) {
    const raw = Array.from({ length: cols }, () => (coarse ? Math.floor(rng.uniform() * 4) : Math.exp(rng.normal() * 2)));
    const sum = raw.reduce((a, b) => a + b, 0) || 1;
    raw.forEach((v, j) => (probabilities.data[i * cols + j] = v / sum));
    if (seed % 7 === 0 && i % 37 === 5) probabilities.data[i * cols + Math.floor(rng.uniform() * cols)] = NaN;
  }
  const truth = Int32Array.from({ length: rows }, () => (rng.uniform() < 0.6 ? 0 : Math.floor(rng.uniform() * cols)));
  return { probabilities, truth, names: Array.from({ length: cols }, (_, c) => `c${c}`) };
}

describe('the tuned rule keeps each row\'s two leading classes', () => {
  it.each(['macroF1', 'balancedAccuracy', 'gmean', 'mcc', 'accuracy', 'recall:c1', 'fbeta:2'])(
    'gives the very biases of the full arg-max search, scoring %s, on 40 random tables', (metric) => {
      for (let seed = 0; seed < 40; seed++) {
        const { probabilities, truth, names } = randomCase(seed);
        const record = metricRecord(metric);
        const score: DecisionScore = (t, p) => record.of(classificationMetrics(t, p, names));
        const expected = bruteForceTunedBias(probabilities, truth, score);
        expect(fitTunedBias({ probabilities, truth }, score), `seed ${seed}`).toEqual(expected);
        // The metric as decide() passes it, scoring from per-class counts.
        const counted = decisionMetric(metric, names).score;
        expect(counted.ofCounts).toBeDefined();
        expect(fitTunedBias({ probabilities, truth }, counted), `seed ${seed}, from counts`).toEqual(expected);
      }
    });

  it('label metrics give every figure of the full metrics but the confusion matrix', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { probabilities, truth, names } = randomCase(seed);
      const predicted = new Int32Array(truth.length);
      argmaxRows(probabilities, predicted);
      const { confusion, ...figures } = classificationMetrics(truth, predicted, names);
      expect(confusion).toHaveLength(names.length);
      expect(labelMetrics(truth, predicted, names)).toEqual(figures);
    }
  });
});
