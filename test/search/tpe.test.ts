import { describe, expect, it } from 'vitest';
import { fitMixture, logDensity, observationWeights, sampleMixture, type Dimension } from '../../src/search/samplers/parzen.ts';
import { narrowingSampler } from '../../src/search/samplers/narrowing.ts';
import { tpeSampler } from '../../src/search/samplers/tpe.ts';
import { planRound } from '../../src/search/sampling.ts';
import type { Space } from '../../src/search/space.ts';
import { endTrial, type TrialRecord } from '../../src/search/trial.ts';
import { createRng } from '../../src/tensor/rng.ts';

const options = { priorWeight: 1, magicClip: true, considerEndpoints: false, multivariate: false };

describe('Parzen estimators', () => {
  it('weigh observations as Optuna does: equal up to 25, then a linear ramp from 1/n for the oldest', () => {
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const w = observationWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    expect(w.slice(5)).toEqual(new Array(25).fill(1));
  });

  it('are densities: a numeric mixture integrates to 1 over its range, a choice mixture sums to 1', () => {
    const dims: Dimension[] = [{ kind: 'numeric', low: -1, high: 2 }];
    const m = fitMixture(dims, [[0.1], [0.15], [1.9], [-1]], options);
    const n = 20000;
    let area = 0;
    for (let i = 0; i < n; i++) area += Math.exp(logDensity(m, [-1 + (3 * (i + 0.5)) / n])) * (3 / n);
    expect(area).toBeCloseTo(1, 3);
    const c = fitMixture([{ kind: 'choice', size: 3 }], [[0], [0], [2]], options);
    const total = [0, 1, 2].reduce((s, v) => s + Math.exp(logDensity(c, [v])), 0);
    expect(total).toBeCloseTo(1, 12);
    // The observed value is likelier than one never seen, which still keeps some mass (the prior).
    expect(logDensity(c, [0])).toBeGreaterThan(logDensity(c, [2]));
    expect(Math.exp(logDensity(c, [1]))).toBeGreaterThan(0.05);
  });

  it('sample inside the range, mostly near the observations', () => {
    const m = fitMixture([{ kind: 'numeric', low: 0, high: 10 }], [[2], [2.2], [2.1], [1.9]], options);
    const rng = createRng(1);
    const draws = Array.from({ length: 2000 }, () => sampleMixture(m, rng)[0]!);
    expect(draws.every((x) => x >= 0 && x <= 10)).toBe(true);
    // A uniform draw lands there 22% of the time.
    expect(draws.filter((x) => x > 1 && x < 3.2).length / draws.length).toBeGreaterThan(0.4);
  });
});

const line: Space = { x: { kind: 'uniform', low: 0, high: 1 }, c: { kind: 'choice', values: ['a', 'b', 'c', 'd'] } };
const scoreOf = (p: { x?: unknown; c?: unknown }) => -Math.abs(Number(p.x) - 0.8) - (p.c === 'c' ? 0 : 0.3);
const history = (rounds: number): TrialRecord[] => Array.from({ length: rounds }, (_, r) => planRound(line, { seed: 2, round: r + 1, count: 10, tried: [] }))
  .flat().map((t) => endTrial(t, [{ score: scoreOf(t.params) }], 'maximize', 0));

describe('the TPE sampler', () => {
  it('samples at random until its startup trials are complete, then where the good trials are', () => {
    const input = { space: line, ranges: line, round: 1, count: 10, seed: 2, direction: 'maximize' as const, history: [] };
    expect(tpeSampler().plan(input).trials).toEqual(planRound(line, { seed: 2, round: 1, count: 10, tried: [] }));
    const plan = tpeSampler().plan({ ...input, round: 4, count: 20, history: history(3) });
    const random = planRound(line, { seed: 2, round: 4, count: 20, tried: [] });
    const mean = (ts: typeof plan.trials) => ts.reduce((s, t) => s + scoreOf(t.params), 0) / ts.length;
    expect(mean(plan.trials)).toBeGreaterThan(mean(random) + 0.1);
    expect(plan.trials.filter((t) => t.params.c === 'c').length).toBeGreaterThan(5);
  });

  it('spreads a round: with the constant liar, its trials lie further apart than without', () => {
    const input = { space: line, ranges: line, round: 4, count: 10, seed: 2, direction: 'maximize' as const, history: history(3) };
    const spread = (liar: boolean) => {
      const xs = tpeSampler({ constantLiar: liar }).plan(input).trials.map((t) => Number(t.params.x));
      return Math.max(...xs) - Math.min(...xs);
    };
    expect(spread(true)).toBeGreaterThan(spread(false));
  });
});

describe('the narrowing sampler', () => {
  it('draws uniformly inside its ranges with `within: random`, as the lecture does, and explains each narrowing', () => {
    const sampler = narrowingSampler({ within: 'random', top: 0.25 });
    const plan = sampler.plan({ space: line, ranges: line, round: 4, count: 10, seed: 2, direction: 'maximize', history: history(3) });
    expect(plan.trials).toEqual(planRound(plan.ranges, { seed: 2, round: 4, count: 10, tried: history(3).map((t) => t.params) }));
    expect(plan.explanation).toMatchObject({ x: { trials: 30, best: 8, verdict: 'narrowed' }, c: { trials: 30, best: 8 } });
    const notes = (plan.explanation as { c: { values: { trials: number }[] } }).c.values;
    expect(notes.map((n) => n.trials).reduce((a, b) => a + b)).toBe(30);
    expect(sampler.options).toMatchObject({ top: 0.25, minTop: 2, margin: 0.1, minTried: 2, within: 'random' });
  });
});
