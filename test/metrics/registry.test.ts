import { describe, expect, it } from 'vitest';
import { classificationMetrics, createRng, fromRows, isMetricName, metricNames, metricRecord, metricRegistry } from '../../src/internal.ts';

const truth = [0, 0, 0, 1, 1, 2, 2, 2];
const classes = ['a', 'b', 'c'];
// Probabilities as sure as the predictions, for the metrics read from probabilities (PR-AUC).
const sure = (predicted: readonly number[]) => fromRows(predicted.map((p) => classes.map((_, c) => (c === p ? 1 : 0))));
const metricsOf = (predicted: number[]) => classificationMetrics(truth, predicted, classes, sure(predicted));
const withArgument = ['f1:a', 'recall:c', 'fbeta:2', 'fbeta:0.5'];
const best = (direction: 'maximize' | 'minimize', bounds: readonly [number, number]) => (direction === 'maximize' ? bounds[1] : bounds[0]);

describe.each([...metricNames, ...withArgument].map((name) => [name, metricRecord(name)] as const))('metric contract: %s', (name, record) => {
  it('reaches its best bound on a perfect prediction', () => {
    expect(record.of(metricsOf(truth))).toBeCloseTo(best(record.direction, record.bounds), 12);
  });

  it('stays within its bounds on random predictions', () => {
    const rng = createRng(`registry ${name}`);
    for (let run = 0; run < 20; run++) {
      const value = record.of(metricsOf(truth.map(() => rng.int(3))));
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
    expect(metricNames.every((name) => metricRecord(name) === metricRegistry[name])).toBe(true);
  });

  it('takes f1:CLASS, recall:CLASS and fbeta:B, and refuses them malformed', () => {
    for (const bad of ['f1:', 'recall:', 'fbeta:', 'fbeta:0', 'fbeta:-1', 'fbeta:x', 'precision:a']) expect(isMetricName(bad)).toBe(false);
    expect(() => metricRecord('fbeta:0')).toThrow('--metric fbeta:0: fbeta:B needs a number B > 0, got "0"');
    expect(() => metricRecord('mse')).toThrow('unknown metric "mse"; expected one of accuracy, macroF1, balancedAccuracy, gmean, prAuc, mcc, f1:CLASS, recall:CLASS, fbeta:B');
  });

  it('scores one class by name, and 0 when the split has none of it', () => {
    const m = classificationMetrics([0, 0, 1, 1], [0, 1, 1, 1], ['no', 'yes']);
    expect(metricRecord('recall:no').of(m)).toBe(0.5);
    expect(metricRecord('f1:yes').of(m)).toBeCloseTo(0.8, 12);
    expect(metricRecord('recall:no').of(classificationMetrics([1, 1], [1, 1], ['no', 'yes']))).toBe(0);
    expect(metricRecord('recall:cat').of(m)).toBe(0);
  });

  it('weighs recall by β in fbeta:B (β = 1 is macro-F1; a never-predicted class scores 0)', () => {
    const m = classificationMetrics([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], ['a', 'b', 'c']);
    expect(metricRecord('fbeta:1').of(m)).toBeCloseTo(m.macroF1, 12);
    // Class b: precision 2/3, recall 1 → F2 = 5·(2/3)/(4·2/3 + 1) = 10/11; a: P = R = 1/2 → 1/2; c: never predicted → 0.
    expect(metricRecord('fbeta:2').of(m)).toBeCloseTo((0.5 + 10 / 11 + 0) / 3, 12);
  });
});
