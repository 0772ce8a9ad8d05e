import { describe, expect, it } from 'vitest';
import { meanInterval, pairedTTest, tCritical, tTwoSided } from '../../src/internal.ts';

describe('Student t', () => {
  it('matches printed t-tables', () => {
    expect(tCritical(0.95, 2)).toBeCloseTo(4.303, 3);
    expect(tCritical(0.95, 10)).toBeCloseTo(2.228, 3);
    expect(tCritical(0.99, 5)).toBeCloseTo(4.032, 3);
    expect(tTwoSided(2.228, 10)).toBeCloseTo(0.05, 3);
    expect(tTwoSided(0, 4)).toBeCloseTo(1, 10);
  });

  it('gives a mean and its interval, worked by hand', () => {
    // mean 2, s = 1, n = 3: half-width 4.303 · 1/√3 = 2.484
    const { mean, low, high } = meanInterval([1, 2, 3]);
    expect(mean).toBe(2);
    expect(low).toBeCloseTo(2 - 2.484, 3);
    expect(high).toBeCloseTo(2 + 2.484, 3);
    expect(meanInterval([5])).toEqual({ mean: 5, low: 5, high: 5 });
  });

  it('tests paired differences: d = [1, 2, 3] gives t = 2/(1/√3) = 3.464, df 2, p = 0.0742', () => {
    const test = pairedTTest([0, 0, 0], [1, 2, 3]);
    expect(test.t).toBeCloseTo(3.464, 3);
    expect(test.df).toBe(2);
    expect(test.p).toBeCloseTo(0.0742, 4);
    expect(pairedTTest([1, 2], [1, 2]).p).toBe(1);
  });
});
