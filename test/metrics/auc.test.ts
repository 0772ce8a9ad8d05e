import { describe, expect, it } from 'vitest';
import { averagePrecision, fromRows, oneVsRest, rocAuc } from '../../src/internal.ts';

describe('rocAuc', () => {
  it('is the share of positive–negative pairs ordered right', () => {
    // positives .35 .8 against negatives .1 .4: (.35 > .1), (.8 > .1), (.8 > .4) → 3/4
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });

  it('counts a tie as half a pair', () => {
    // positives .5 .9, negatives .5 .5: two ties (1/2 each) and two wins → 3/4
    expect(rocAuc([0.5, 0.5, 0.5, 0.9], [true, false, false, true])).toBe(0.75);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([1, 2, 3], [false, true, true])).toBe(1);
    expect(rocAuc([3, 2, 1], [false, true, true])).toBe(0);
  });

  it('is null without positives or without negatives', () => {
    expect(rocAuc([0.1, 0.2], [false, false])).toBeNull();
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNull();
  });
});

describe('averagePrecision', () => {
  it('sums precision at each recall step', () => {
    // ranked .8+ .4− .35+ .1−: recall ½ at precision 1, recall 1 at precision 2/3
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(5 / 6, 12);
  });

  it('treats tied scores as one threshold', () => {
    // .9+ then the tied .5 group (one +, two −): ½·1 + ½·(2/4)
    expect(averagePrecision([0.5, 0.5, 0.5, 0.9], [true, false, false, true])).toBe(0.75);
  });

  it('is null without positives', () => {
    expect(averagePrecision([0.3], [false])).toBeNull();
  });
});

describe('NaN scores (a network whose last step diverged)', () => {
  it('give NaN areas instead of looping on a run of "equal" scores that never ends', () => {
    expect(rocAuc([NaN, 0.5, NaN], [true, false, false])).toBeNaN();
    expect(averagePrecision([0.2, NaN], [true, false])).toBeNaN();
  });
});

describe('oneVsRest', () => {
  it('scores each class by its own probability column', () => {
    const p = fromRows([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]], 'float64');
    expect(oneVsRest([0, 0, 1], p)).toEqual({ rocAuc: [1, 1], prAuc: [1, 1] });
  });

  it('refuses probabilities of another length', () => {
    expect(() => oneVsRest([0], fromRows([[1, 0], [0, 1]]))).toThrow('1 true labels but 2 rows');
  });
});
