import { describe, expect, it } from 'vitest';
import { narrowingSampler } from '../../src/search/samplers/narrowing.ts';
import { tpeSampler } from '../../src/search/samplers/tpe.ts';
import type { Space } from '../../src/search/space.ts';
import { endTrial, type TrialRecord } from '../../src/search/trial.ts';

const space: Space = { x: { kind: 'uniform', low: 0, high: 1 }, opt: { kind: 'choice', values: ['a', 'b', 'c'] } };

/** A trial of round 1 with the validation scores of its epochs, complete or pruned after them. */
const trial = (index: number, x: number, opt: string, scores: number[], status: 'complete' | 'pruned'): TrialRecord => ({
  ...endTrial({ round: 1, index, seed: index, params: { x, opt } }, scores.map((score) => ({ score })), 'maximize', 1, status),
  epochs: scores.length,
});

// A halving round of 12: three trials trained all 9 epochs, nine were pruned after 1 or 3.
// The one pruned at epoch 1 with the highest score of all (0.99) still ranks below every
// trial that trained further; 'c' was tried only by the three weakest pruned trials.
const round1: TrialRecord[] = [
  trial(0, 0.45, 'a', [0.5, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.8], 'complete'),
  trial(1, 0.5, 'b', [0.5, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.75], 'complete'),
  trial(2, 0.55, 'a', [0.5, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.72], 'complete'),
  trial(3, 0.95, 'b', [0.99], 'pruned'),
  trial(4, 0.4, 'a', [0.4, 0.5, 0.55], 'pruned'),
  trial(5, 0.6, 'b', [0.4, 0.5, 0.5], 'pruned'),
  trial(6, 0.35, 'a', [0.3], 'pruned'),
  trial(7, 0.3, 'b', [0.3], 'pruned'),
  trial(8, 0.65, 'a', [0.25], 'pruned'),
  trial(9, 0.1, 'c', [0.1], 'pruned'),
  trial(10, 0.9, 'c', [0.1], 'pruned'),
  trial(11, 0.05, 'c', [0.05], 'pruned'),
];
const input = { space, ranges: space, round: 2, count: 8, seed: 3, direction: 'maximize' as const };
const completeOnly = round1.filter((t) => t.status === 'complete');

describe('samplers learn from the pruned trials of a round', () => {
  it('narrowing counts every trial, ranks pruned ones below deeper ones, and drops a value only pruned losers tried', () => {
    const plan = narrowingSampler({ top: 0.25, within: 'random' }).plan({ ...input, history: round1 });
    const notes = plan.explanation as { x: { trials: number; best: number }; opt: { values: { value: string; verdict: string; why: string }[] } };
    expect(notes.x.trials).toBe(12);
    expect(notes.x.best).toBe(3);
    // The best quarter is the three complete trials (0.45–0.55), not the 1-epoch 0.99 at x = 0.95.
    const x = plan.ranges.x as { low: number; high: number };
    expect(x.low).toBeGreaterThan(0.3);
    expect(x.high).toBeLessThan(0.7);
    expect(notes.opt.values.find((v) => v.value === 'c')).toMatchObject({ verdict: 'dropped', why: 'none among the best' });
    expect(plan.trials.every((t) => t.params.opt !== 'c')).toBe(true);
    // Without the pruned trials 'c' was untried, so it stayed.
    const thin = narrowingSampler({ top: 0.25, within: 'random' }).plan({ ...input, history: completeOnly });
    expect(thin.ranges.opt).toMatchObject({ kind: 'choice', values: expect.arrayContaining(['c']) });
  });

  it('TPE fits its densities to pruned trials too: 12 scored trials pass its 10-trial random start', () => {
    const withPruned = tpeSampler().plan({ ...input, history: round1 }).trials.map((t) => t.params);
    const random = tpeSampler().plan({ ...input, history: completeOnly }).trials.map((t) => t.params);
    expect(withPruned).not.toEqual(random);
  });
});
