import { describe, expect, it } from 'vitest';
import { bootstrapInterval, createRng, fromRows, metricsOf, type Predictions } from '../../src/internal.ts';

/** n predictions of two classes, right with probability `accuracy` (seeded). */
function predictionsOf(n: number, accuracy: number): Predictions {
  const rng = createRng('predictions');
  const truth = Int32Array.from({ length: n }, (_, i) => i % 2);
  const predicted = truth.map((t) => (rng.uniform() < accuracy ? t : 1 - t));
  const probabilities = fromRows(Array.from(predicted, (p) => (p === 0 ? [0.8, 0.2] : [0.2, 0.8])), 'float64');
  return { truth, predicted, probabilities, classNames: ['a', 'b'] };
}

const accuracy = (p: Predictions) => metricsOf(p).accuracy;

describe('bootstrapInterval', () => {
  const p = predictionsOf(400, 0.8);

  it('gives the same interval for the same seed, another for another seed', () => {
    const a = bootstrapInterval(p, accuracy, { seed: 1, samples: 200 });
    expect(bootstrapInterval(p, accuracy, { seed: 1, samples: 200 })).toEqual(a);
    expect(bootstrapInterval(p, accuracy, { seed: 2, samples: 200 })).not.toEqual(a);
  });

  it('brackets the estimate with about the binomial width', () => {
    const i = bootstrapInterval(p, accuracy, { seed: 1, samples: 400 })!;
    expect(i.estimate).toBe(metricsOf(p).accuracy);
    expect(i.low).toBeLessThan(i.estimate);
    expect(i.high).toBeGreaterThan(i.estimate);
    // 95% half-width of a proportion near 0.8 over 400 rows: 1.96·√(0.8·0.2/400) ≈ 0.039
    expect(i.high - i.low).toBeGreaterThan(0.05);
    expect(i.high - i.low).toBeLessThan(0.11);
  });

  it('narrows as the level drops', () => {
    const wide = bootstrapInterval(p, accuracy, { seed: 1, samples: 300, level: 0.95 })!;
    const narrow = bootstrapInterval(p, accuracy, { seed: 1, samples: 300, level: 0.5 })!;
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('works for any statistic, the AUCs included, and is degenerate for a perfect classifier', () => {
    const perfect = predictionsOf(50, 1);
    const i = bootstrapInterval(perfect, (q) => metricsOf(q).rocAuc, { seed: 3, samples: 50 })!;
    expect([i.estimate, i.low, i.high]).toEqual([1, 1, 1]);
  });

  it('is null when the statistic is undefined on the whole split', () => {
    expect(bootstrapInterval(p, () => null, { seed: 1 })).toBeNull();
  });

  it('rejects a level outside (0, 1)', () => {
    expect(() => bootstrapInterval(p, accuracy, { seed: 1, level: 1 })).toThrow('level must be in (0, 1), got 1');
  });
});
