import { describe, expect, it } from 'vitest';
import { classificationMetrics, createRng, isMetricName, metricNames, metricRegistry } from '../../src/index.ts';

const truth = [0, 0, 0, 1, 1, 2, 2, 2];
const classes = ['a', 'b', 'c'];
const best = (direction: 'maximize' | 'minimize', bounds: readonly [number, number]) => (direction === 'maximize' ? bounds[1] : bounds[0]);

describe.each(metricNames.map((name) => [name, metricRegistry[name]] as const))('metric contract: %s', (name, record) => {
  it('reaches its best bound on a perfect prediction', () => {
    expect(record.of(classificationMetrics(truth, truth, classes))).toBeCloseTo(best(record.direction, record.bounds), 12);
  });

  it('stays within its bounds on random predictions', () => {
    const rng = createRng(`registry ${name}`);
    for (let run = 0; run < 20; run++) {
      const value = record.of(classificationMetrics(truth, truth.map(() => rng.int(3)), classes));
      expect(value).toBeGreaterThanOrEqual(record.bounds[0]);
      expect(value).toBeLessThanOrEqual(record.bounds[1]);
    }
  });

  it('has a title and is known by name', () => {
    expect(record.title.length).toBeGreaterThan(0);
    expect(isMetricName(name)).toBe(true);
  });
});

describe('the metric registry', () => {
  it('knows no other names, nor inherited ones', () => {
    expect(isMetricName('toString')).toBe(false);
    expect(isMetricName('mse')).toBe(false);
  });
});
