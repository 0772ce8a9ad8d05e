import { describe, expect, it } from 'vitest';
import {
  applyDecision, argmaxRows, argmaxRule, brierScore, classificationMetrics, createRng, expectedCalibrationError, fitDecision, fitPriorBias,
  fitTemperature, fitTunedBias, fromRows, matrix, reliabilityBins, softmaxRows, type Matrix,
} from '../../src/internal.ts';

/** Rows of class probabilities softmax(logits · sharpen) whose labels are drawn from softmax(logits). */
function sampled(n: number, k: number, sharpen: number, seed = 1): { probabilities: Matrix; truth: Int32Array } {
  const rng = createRng(seed);
  const logits = matrix(n, k, 'float64');
  for (let i = 0; i < logits.data.length; i++) logits.data[i] = rng.normal() * 1.5;
  const honest = matrix(n, k, 'float64');
  softmaxRows(logits, honest.data);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let u = rng.uniform();
    let c = 0;
    while (c < k - 1 && (u -= honest.data[i * k + c]!) > 0) c++;
    truth[i] = c;
  }
  for (let i = 0; i < logits.data.length; i++) logits.data[i] *= sharpen;
  const probabilities = matrix(n, k, 'float64');
  softmaxRows(logits, probabilities.data);
  return { probabilities, truth };
}

function labels(p: Matrix): Int32Array {
  const out = new Int32Array(p.rows);
  argmaxRows(p, out);
  return out;
}

describe('calibration metrics', () => {
  it('Brier score by hand: (0.25² + 0.25²) for one row, 0 when certain and right, 2 when certain and wrong', () => {
    expect(brierScore([0], fromRows([[0.75, 0.25]], 'float64'))).toBeCloseTo(0.125, 12);
    expect(brierScore([1, 0], fromRows([[0, 1], [0, 1]], 'float64'))).toBeCloseTo(1, 12);
  });

  it('ECE by hand: two bins, |accuracy − confidence| weighted by their share', () => {
    // Bin [0.9, 0.967): rows 1-2 at 0.9, one right → |0.5 − 0.9| · 2/3; bin of 0.6: right → |1 − 0.6| · 1/3.
    const p = fromRows([[0.9, 0.1], [0.9, 0.1], [0.4, 0.6]], 'float64');
    expect(expectedCalibrationError([0, 1, 1], p)).toBeCloseTo((0.4 * 2) / 3 + 0.4 / 3, 12);
    expect(reliabilityBins([0, 1, 1], p, 10).filter((b) => b.count > 0).map((b) => [b.count, b.accuracy])).toEqual([[1, 1], [2, 0.5]]);
  });
});

describe('decision rules, fitted on validation data', () => {
  it('temperature scaling recovers the temperature that over-confident probabilities were sharpened by', () => {
    const data = sampled(4000, 4, 2.5);
    const t = fitTemperature(data);
    expect(t).toBeGreaterThan(2.1);
    expect(t).toBeLessThan(2.9);
    const rule = { ...argmaxRule(4), rule: 'temperature' as const, temperature: t };
    expect(expectedCalibrationError(data.truth, applyDecision(data.probabilities, rule)))
      .toBeLessThan(expectedCalibrationError(data.truth, data.probabilities) / 2);
  });

  it('prior correction moves the mean probability of each class to its frequency', () => {
    const data = sampled(3000, 3, 1);
    // A network taught balanced priors on skewed data: every row leans to class 2.
    const skewed = fromRows(Array.from({ length: 3000 }, (_, i) => {
      const p = [0, 1, 2].map((c) => data.probabilities.data[i * 3 + c]! * (c === 2 ? 4 : 1));
      const s = p[0]! + p[1]! + p[2]!;
      return p.map((v) => v / s);
    }), 'float64');
    const bias = fitPriorBias({ probabilities: skewed, truth: data.truth });
    const adjusted = applyDecision(skewed, { ...argmaxRule(3), rule: 'prior', bias });
    const frequency = [0, 1, 2].map((c) => data.truth.filter((y) => y === c).length / 3000);
    const meanP = [0, 1, 2].map((c) => Array.from({ length: 3000 }, (_, i) => adjusted.data[i * 3 + c]!).reduce((a, b) => a + b) / 3000);
    meanP.forEach((m, c) => expect(m).toBeCloseTo(frequency[c]!, 6));
    expect(bias[2]! - bias[0]!).toBeCloseTo(-Math.log(4), 0);
  });

  it('tuned biases never lower the validation score below the arg-max, and raise it on a minority class', () => {
    const data = sampled(2000, 3, 1, 7);
    // Hide the minority: class 0's probabilities shrunk tenfold.
    const shrunk = fromRows(Array.from({ length: 2000 }, (_, i) => {
      const p = [0, 1, 2].map((c) => data.probabilities.data[i * 3 + c]! * (c === 0 ? 0.1 : 1));
      const s = p[0]! + p[1]! + p[2]!;
      return p.map((v) => v / s);
    }), 'float64');
    const score = (t: Int32Array, p: Int32Array) => classificationMetrics(t, p, ['a', 'b', 'c']).macroF1;
    const argmax = score(data.truth, labels(shrunk));
    const bias = fitTunedBias({ probabilities: shrunk, truth: data.truth }, score);
    const rule = fitDecision('tuned', { probabilities: shrunk, truth: data.truth }, score, 'macroF1');
    expect(rule.bias).toEqual(bias);
    expect(rule.metric).toBe('macroF1');
    const after = applyDecision(shrunk, rule);
    expect(score(data.truth, labels(after))).toBeGreaterThan(argmax + 0.02);
    expect(bias[0]).toBeGreaterThan(0);
  });

  it('the arg-max rule returns the very probabilities it was given', () => {
    const p = fromRows([[0.2, 0.8]]);
    expect(applyDecision(p, argmaxRule(2))).toBe(p);
  });
});
