import { describe, expect, it } from 'vitest';
import { classificationMetrics, fromRows, matthewsCorrelation } from '../../src/internal.ts';

// Worked by hand; the arithmetic is in the comments so a reader can check it.

describe('a class that is never predicted', () => {
  // truth      a a a b b c c c
  // predicted  a a b b b b a b      → c is never predicted
  // confusion  a: [2 1 0]  b: [0 2 0]  c: [1 2 0]
  const m = classificationMetrics([0, 0, 0, 1, 1, 2, 2, 2], [0, 0, 1, 1, 1, 1, 0, 1], ['a', 'b', 'c']);

  it('has no precision, and recall and F1 of 0', () => {
    expect(m.perClass[2]).toMatchObject({ class: 'c', precision: null, recall: 0, f1: 0, support: 3 });
  });

  it('scores the other classes from the confusion matrix', () => {
    expect(m.confusion).toEqual([[2, 1, 0], [0, 2, 0], [1, 2, 0]]);
    // a: P = 2/3, R = 2/3 ; b: P = 2/5, R = 1, F1 = 2·0.4·1/1.4 = 4/7
    expect(m.perClass[0]!.precision).toBeCloseTo(2 / 3, 12);
    expect(m.perClass[0]!.f1).toBeCloseTo(2 / 3, 12);
    expect(m.perClass[1]!.precision).toBeCloseTo(2 / 5, 12);
    expect(m.perClass[1]!.f1).toBeCloseTo(4 / 7, 12);
  });

  it('counts it as zero in every average', () => {
    expect(m.accuracy).toBe(0.5);
    expect(m.balancedAccuracy).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 4 / 7 + 0) / 3, 12);
    // support-weighted: (3·2/3 + 2·4/7 + 3·0) / 8 = 11/28
    expect(m.weightedF1).toBeCloseTo(11 / 28, 12);
    expect(m.gmean).toBe(0);
  });

  it('has the multi-class MCC (c·s − Σp·t) / √((s² − Σp²)(s² − Σt²))', () => {
    // c = 4, s = 8, t = [3 2 3], p = [3 5 0]: (32 − 19) / √(30 · 42)
    expect(m.mcc).toBeCloseTo(13 / Math.sqrt(30 * 42), 12);
  });
});

describe('a class absent from the test split', () => {
  // truth a a b b; predicted a c b b (c predicted once, never true)
  const probabilities = fromRows([
    [0.7, 0.1, 0.2],
    [0.3, 0.2, 0.5],
    [0.35, 0.6, 0.05],
    [0.1, 0.8, 0.1],
  ], 'float64');
  const m = classificationMetrics([0, 0, 1, 1], [0, 2, 1, 1], ['a', 'b', 'c'], probabilities);

  it('has no recall, F1 or AUC, and precision 0 from its false positive', () => {
    expect(m.perClass[2]).toEqual({ class: 'c', precision: 0, recall: null, f1: null, support: 0, rocAuc: null, prAuc: null });
  });

  it('is left out of the averages, which stay numbers', () => {
    expect(m.accuracy).toBe(0.75);
    expect(m.balancedAccuracy).toBe(0.75); // (1/2 + 1) / 2
    expect(m.macroF1).toBeCloseTo(5 / 6, 12); // (2/3 + 1) / 2
    expect(m.weightedF1).toBeCloseTo(5 / 6, 12); // (2·2/3 + 2·1) / 4
    expect(m.gmean).toBeCloseTo(Math.SQRT1_2, 12);
    // c = 3, s = 4, t = [2 2 0], p = [1 2 1]: (12 − 6) / √(10 · 8)
    expect(m.mcc).toBeCloseTo(6 / Math.sqrt(80), 12);
  });

  it('macro-averages the AUCs over the classes where they exist', () => {
    // a: scores .7 .3 | .35 .1 → one of four pairs misordered: ROC 3/4, AP (1 + 2/3)/2
    expect(m.perClass[0]!.rocAuc).toBe(0.75);
    expect(m.perClass[0]!.prAuc).toBeCloseTo(5 / 6, 12);
    expect(m.perClass[1]).toMatchObject({ rocAuc: 1, prAuc: 1 });
    expect(m.rocAuc).toBe(0.875);
    expect(m.prAuc).toBeCloseTo(11 / 12, 12);
  });
});

describe('classificationMetrics edge cases', () => {
  it('gives numbers, not NaN, for an empty test split', () => {
    const m = classificationMetrics([], [], ['a', 'b']);
    expect([m.accuracy, m.balancedAccuracy, m.macroF1, m.weightedF1, m.gmean, m.mcc]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(m.rocAuc).toBeNull();
  });

  it('leaves the AUCs null without probabilities', () => {
    const m = classificationMetrics([0, 1], [0, 1], ['a', 'b']);
    expect([m.rocAuc, m.prAuc, m.perClass[0]!.rocAuc]).toEqual([null, null, null]);
  });

  it('keeps the binary MCC (TP·TN − FP·FN) / √(…)', () => {
    // TP = 3, FN = 1, FP = 2, TN = 4 (class 1 positive)
    const mcc = matthewsCorrelation([[4, 2], [1, 3]]);
    expect(mcc).toBeCloseTo((3 * 4 - 2 * 1) / Math.sqrt(5 * 4 * 6 * 5), 12);
  });

  it('calls MCC 0 when every prediction is the same class', () => {
    expect(matthewsCorrelation([[3, 0], [2, 0]])).toBe(0);
  });
});
