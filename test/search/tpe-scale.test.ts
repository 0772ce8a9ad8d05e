import { describe, expect, it } from 'vitest';
import { refits, thinned, tpeSampler } from '../../src/search/samplers/tpe.ts';
import { planRound } from '../../src/search/sampling.ts';
import type { Space } from '../../src/search/space.ts';
import { endTrial, type TrialRecord } from '../../src/search/trial.ts';

const line: Space = { x: { kind: 'uniform', low: 0, high: 1 }, c: { kind: 'choice', values: ['a', 'b', 'c', 'd'] } };
const scoreOf = (p: { x?: unknown; c?: unknown }) => -Math.abs(Number(p.x) - 0.8) - (p.c === 'c' ? 0 : 0.3);
const scored = (count: number): TrialRecord[] => planRound(line, { seed: 2, round: 1, count, tried: [] })
  .map((t) => endTrial(t, [{ score: scoreOf(t.params) }], 'maximize', 0));
const input = (history: TrialRecord[], count: number) => ({ space: line, ranges: line, round: 2, count, seed: 2, direction: 'maximize' as const, history });

describe('TPE planning at scale', () => {
  it('thins the other trials to an even sample that keeps the newest, and keeps all of them up to the bound', () => {
    expect(thinned([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([2, 5, 7, 10]);
    expect(thinned([1, 2, 3], 4)).toEqual([1, 2, 3]);
  });

  it('refits after every trial among a round\'s first 32, then a logarithmic number of times', () => {
    expect(Array.from({ length: 32 }, (_, i) => refits(i, i - 1)).every(Boolean)).toBe(true);
    expect(refits(40, 38)).toBe(true);
    expect(refits(40, 39)).toBe(false);
    let fits = 0;
    let at = -Infinity;
    for (let i = 0; i < 2000; i++) if (refits(i, at)) [fits, at] = [fits + 1, i];
    expect(fits).toBeGreaterThan(32);
    expect(fits).toBeLessThan(120);
  });

  it('plans a small study as the unbounded estimator does; the bound changes the plan only beyond it', () => {
    const small = input(scored(30), 10);
    expect(tpeSampler().plan(small).trials).toEqual(tpeSampler({ badKernels: 1e9 }).plan(small).trials);
    expect(tpeSampler({ badKernels: 5 }).plan(small).trials).not.toEqual(tpeSampler().plan(small).trials);
  });

  it('plans a round of 600 from 600 trials where the good ones are, spread out by the lies', () => {
    const plan = tpeSampler().plan(input(scored(600), 600)).trials;
    const random = planRound(line, { seed: 2, round: 2, count: 600, tried: [] });
    const mean = (ts: typeof plan) => ts.reduce((s, t) => s + scoreOf(t.params), 0) / ts.length;
    expect(mean(plan)).toBeGreaterThan(mean(random) + 0.1);
    expect(new Set(plan.map((t) => t.params.x)).size).toBe(600);
    const sd = (ts: typeof plan) => {
      const xs = ts.map((t) => Number(t.params.x));
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    };
    expect(sd(plan)).toBeGreaterThan(sd(tpeSampler({ constantLiar: false }).plan(input(scored(600), 600)).trials));
  });
});
