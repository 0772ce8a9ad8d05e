import { describe, expect, it } from 'vitest';
import { createRng, meanInterval, metricBounds, pairedTTest, seedInterval } from '../../src/internal.ts';
import { pairedSeedTest } from '../../src/metrics/seed-interval.ts';

describe('the percentile bootstrap interval over seeds', () => {
  // A recall near 0 in four seeds of five: Student's t runs below 0, which a recall cannot.
  const recalls = [0, 0, 0, 0, 0.006];

  it('stays inside the values seen, so inside the metric\'s range, where a t-interval leaves it', () => {
    expect(meanInterval(recalls).low).toBeLessThan(0);
    const { mean, low, high } = seedInterval(recalls, { seed: 'recall' });
    expect(mean).toBeCloseTo(0.0012, 10);
    expect(low).toBe(0);
    expect(high).toBeLessThanOrEqual(0.006);
    expect(low <= mean && mean <= high).toBe(true);
  });

  it('is the same for the same seed, and a point for one value', () => {
    expect(seedInterval([0.8, 0.82, 0.9], { seed: 3 })).toEqual(seedInterval([0.8, 0.82, 0.9], { seed: 3 }));
    expect(seedInterval([0.7], { seed: 3 })).toEqual({ mean: 0.7, low: 0.7, high: 0.7 });
  });

  it('covers the true mean about as often as asked on normal draws of 10 seeds', () => {
    let covered = 0;
    for (let trial = 0; trial < 200; trial++) {
      const rng = createRng(`coverage/${trial}`);
      const values = Array.from({ length: 10 }, () => rng.normal(0.5, 0.05));
      const { low, high } = seedInterval(values, { seed: trial, samples: 500 });
      if (low <= 0.5 && 0.5 <= high) covered++;
    }
    // A percentile bootstrap of 10 values under-covers a little; it must not be far off 95%.
    expect(covered / 200).toBeGreaterThan(0.85);
  });

  it('refuses an empty list and a level outside (0, 1)', () => {
    expect(() => seedInterval([], { seed: 1 })).toThrow(/no values/);
    expect(() => seedInterval([1, 2], { seed: 1, level: 1 })).toThrow(/level must be in \(0, 1\), got 1/);
  });
});

describe('metricBounds', () => {
  it('knows the range of every quantity a report gives an interval of', () => {
    expect(metricBounds('gmean')).toEqual([0, 1]);
    expect(metricBounds('mcc')).toEqual([-1, 1]);
    expect(metricBounds('finalLoss')).toEqual([0, Infinity]);
    expect(metricBounds('share')).toEqual([0, 1]);
    expect(metricBounds('seconds')).toBeNull();
  });
});

describe('paired differences over seeds', () => {
  it('give the paired t-test\'s own interval, so the interval excludes 0 exactly when p < 0.05', () => {
    // Five seeds where a percentile interval of the differences excluded 0 while the t-test's p was 0.10.
    const a = [0.08, 0.09, 0.07, 0.08, 0.09];
    const b = [0.02, 0.085, 0.065, 0.075, 0.08];
    const test = pairedSeedTest(a, b, 'ece');
    expect([test.low, test.mean, test.high]).toEqual([pairedTTest(a, b).low, pairedTTest(a, b).mean, pairedTTest(a, b).high]);
    expect(test.p > 0.05).toBe(test.low < 0 && test.high > 0);
    const clear = pairedSeedTest([0.1, 0.12, 0.11], [0.3, 0.31, 0.33], 'macroF1');
    expect(clear.p < 0.05 && clear.low > 0).toBe(true);
  });

  it('clip the interval to the differences the metric allows', () => {
    const wide = pairedSeedTest([0, 1], [1, 0.2], 'recall');
    expect(wide.low).toBeGreaterThanOrEqual(-1);
    expect(wide.high).toBeLessThanOrEqual(1);
    expect(pairedTTest([0, 1], [1, 0.2]).high).toBeGreaterThan(1);
  });
});
