import { describe, expect, it } from 'vitest';
import {
  classCounts, createRng, imbalance, longTailSizes, parseImbalance, prepareSplits, stratifiedSplit,
} from '../../src/internal.ts';
import { blobs } from '../helpers/blobs.ts';

const ds = blobs([500, 300, 200, 100], 4, 1);

describe('splits', () => {
  it('stratify: each class keeps its share in both parts, and the same seed gives the same split', () => {
    const [rest, held] = stratifiedSplit(ds, 0.2, createRng(1));
    expect(classCounts(held)).toEqual([100, 60, 40, 20]);
    expect(classCounts(rest)).toEqual([400, 240, 160, 80]);
    const [, again] = stratifiedSplit(ds, 0.2, createRng(1));
    expect([...again.x.data]).toEqual([...held.x.data]);
  });

  it('hold out 20% as test, then 20% of the rest as validation', () => {
    const splits = prepareSplits({ name: 't', data: ds, standardize: false }, { seed: 1 });
    expect(classCounts(splits.test)).toEqual([100, 60, 40, 20]);
    expect(classCounts(splits.validation)).toEqual([80, 48, 32, 16]);
    expect(classCounts(splits.train)).toEqual([320, 192, 128, 64]);
  });

  it('standardise with the training split statistics only', () => {
    const splits = prepareSplits({ name: 't', data: ds, standardize: true }, { seed: 1 });
    const column = (m: typeof splits.train.x, j: number) => Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]!);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(column(splits.train.x, 0))).toBeCloseTo(0, 5);
    expect(Math.abs(mean(column(splits.test.x, 0)))).toBeGreaterThan(1e-4);
  });
});

describe('imbalance', () => {
  it('parses lt:R and minority:P, and rejects anything else with the rule', () => {
    expect(parseImbalance('lt:100')).toEqual({ kind: 'lt', ratio: 100 });
    expect(parseImbalance('minority:0.05')).toEqual({ kind: 'minority', fraction: 0.05 });
    expect(() => parseImbalance('lt:0.5')).toThrow('--imbalance must be lt:R with R >= 1 or minority:P with 0 < P < 1, got "lt:0.5"');
    expect(() => parseImbalance('minority:2')).toThrow(/got "minority:2"/);
  });

  it('lt:R makes class sizes fall exponentially with largest / smallest = R', () => {
    expect(longTailSizes([500, 500, 500], 100)).toEqual([500, 50, 5]);
    const counts = classCounts(imbalance(ds, { kind: 'lt', ratio: 10 }, createRng(1)));
    expect(counts[0]! / counts[3]!).toBeCloseTo(10, 0);
    counts.slice(1).forEach((n, c) => expect(n).toBeLessThan(counts[c]!));
  });

  it('minority:P keeps class 0 at P of the split against the rest', () => {
    const out = imbalance(ds, { kind: 'minority', fraction: 0.05 }, createRng(1));
    expect(out.classNames).toEqual(['c0', 'rest']);
    const [minority, rest] = classCounts(out);
    expect(rest).toBe(600);
    expect(minority! / (minority! + rest!)).toBeCloseTo(0.05, 2);
  });

  it('acts on the training split only, relabelling the others for minority:P', () => {
    const plain = prepareSplits({ name: 't', data: ds, standardize: false }, { seed: 2 });
    const skewed = prepareSplits({ name: 't', data: ds, standardize: false }, { seed: 2, imbalance: { kind: 'lt', ratio: 10 } });
    expect([...skewed.test.y]).toEqual([...plain.test.y]);
    expect([...skewed.validation.y]).toEqual([...plain.validation.y]);
    expect(skewed.train.y.length).toBeLessThan(plain.train.y.length);
    const binary = prepareSplits({ name: 't', data: ds, standardize: false }, { seed: 2, imbalance: { kind: 'minority', fraction: 0.05 } });
    expect(classCounts(binary.test)).toEqual([100, 120]);
  });
});
