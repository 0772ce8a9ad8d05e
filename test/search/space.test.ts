import { describe, expect, it } from 'vitest';
import { narrow } from '../../src/search/narrowing.ts';
import { planRound, sampleValue } from '../../src/search/sampling.ts';
import { contains, type Hyperparameter } from '../../src/search/space.ts';
import { createRng } from '../../src/tensor/rng.ts';

// One seeded contract for every kind of hyperparameter (Optuna's sampler contract tests).
const kinds: [string, Hyperparameter][] = [
  ['uniform', { kind: 'uniform', low: -2, high: 3 }],
  ['uniform of one point', { kind: 'uniform', low: 0.5, high: 0.5 }],
  ['loguniform', { kind: 'loguniform', low: 1e-6, high: 1e-1 }],
  ['int', { kind: 'int', low: -3, high: 4 }],
  ['int on a log scale', { kind: 'int', low: 1, high: 1000, log: true }],
  ['choice', { kind: 'choice', values: ['adam', 'sgd', [64, 32], true, 0.5, null, { a: 1 }] }],
];

const draws = (hp: Hyperparameter, seed: number, n = 500) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => sampleValue(hp, rng));
};

describe.each(kinds)('the %s kind', (_name, hp) => {
  it('samples only values inside its range', () => {
    for (const value of draws(hp, 1)) expect(contains(hp, value), JSON.stringify(value)).toBe(true);
  });

  it('gives the same samples for the same seed, and others for another seed', () => {
    expect(draws(hp, 7)).toEqual(draws(hp, 7));
    if (hp.kind !== 'uniform' || hp.low < hp.high) expect(draws(hp, 8)).not.toEqual(draws(hp, 7));
  });

  it('narrows to a range inside the one it was given, holding the best trials', () => {
    const trials = draws(hp, 3, 20).map((value, i) => ({ params: { p: value }, score: Math.sin(i * 1.7) }));
    const narrowed = narrow({ p: hp }, trials, { direction: 'maximize' }).p!;
    for (const value of draws(narrowed, 4)) expect(contains(hp, value)).toBe(true);
    const best = [...trials].sort((a, b) => b.score - a.score).slice(0, 5);
    for (const t of best) expect(contains(narrowed, t.params.p!)).toBe(true);
  });
});

describe('sampling scale', () => {
  it('spreads a loguniform range evenly over orders of magnitude', () => {
    const values = draws({ kind: 'loguniform', low: 1e-6, high: 1e-1 }, 2, 5000) as number[];
    const belowMilli = values.filter((v) => v < 1e-3).length / values.length;
    expect(belowMilli).toBeGreaterThan(0.55);
    expect(belowMilli).toBeLessThan(0.65); // 3 of the 5 decades
  });

  it('reaches both ends of an int range', () => {
    const values = new Set(draws({ kind: 'int', low: 1, high: 3 }, 5, 200));
    expect([...values].sort()).toEqual([1, 2, 3]);
  });
});

describe('planning a round', () => {
  const space = { lr: { kind: 'loguniform', low: 1e-4, high: 1 }, opt: { kind: 'choice', values: ['a', 'b'] } } as const;

  it('derives each trial from (seed, round, index) alone', () => {
    const ten = planRound(space, { seed: 3, round: 2, count: 10, tried: [] });
    const four = planRound(space, { seed: 3, round: 2, count: 4, tried: [] });
    expect(ten.slice(0, 4)).toEqual(four);
    expect(new Set(ten.map((t) => t.seed)).size).toBe(10);
    expect(planRound(space, { seed: 3, round: 3, count: 4, tried: [] })).not.toEqual(four);
  });

  it('spreads the trials of a round over the range (their streams are not correlated)', () => {
    // Keyed streams that differ in one character once gave ~0.17 to even and ~0.91 to odd trials.
    const xs = planRound({ x: { kind: 'uniform', low: 0, high: 1 } }, { seed: 5, round: 1, count: 40, tried: [] }).map((t) => Number(t.params.x));
    const mean = (parity: number) => xs.filter((_, i) => i % 2 === parity).reduce((a, b) => a + b, 0) / 20;
    for (const parity of [0, 1]) expect(Math.abs(mean(parity) - 0.5)).toBeLessThan(0.15);
  });

  it('redraws a configuration tried before instead of training it twice', () => {
    const tiny = { a: { kind: 'choice', values: [1, 2, 3] }, b: { kind: 'choice', values: ['x', 'y'] } } as const;
    const plan = planRound(tiny, { seed: 1, round: 2, count: 4, tried: [{ a: 1, b: 'x' }, { a: 2, b: 'y' }] });
    const keys = plan.map((t) => `${t.params.a}${t.params.b}`);
    expect(new Set(keys).size).toBe(4);
    expect(keys).not.toContain('1x');
    expect(keys).not.toContain('2y');
  });

  it('keeps a repeat when the space has nothing new left', () => {
    const one = { a: { kind: 'choice', values: [1] } } as const;
    expect(planRound(one, { seed: 1, round: 1, count: 3, tried: [] }).map((t) => t.params.a)).toEqual([1, 1, 1]);
  });
});
