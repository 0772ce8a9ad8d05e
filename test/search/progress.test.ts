import { describe, expect, it } from 'vitest';
import { progress } from '../../src/search/progress.ts';
import type { TrialRecord } from '../../src/search/trial.ts';

const trial = (index: number, score: number | null): TrialRecord => ({
  round: 1, index, seed: 1, params: { lr: 0.001 }, status: score === null ? 'failed' : 'complete', score, last: score,
  history: [], seconds: 0.5, ...(score === null && { error: 'boom' }),
});

describe('progress off a terminal', () => {
  it('writes one plain line per round and per ended trial, with the best so far', () => {
    const lines: string[] = [];
    const display = progress({ total: 3, rounds: 1, direction: 'maximize', tty: false, write: (t) => lines.push(t) });
    display.next({ type: 'round-started', round: 1, ranges: { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 } }, trials: 3 });
    display.next({ type: 'trial-finished', trial: trial(0, 0.8), resumed: true });
    display.next({ type: 'trial-failed', trial: trial(1, null), resumed: false });
    display.next({ type: 'trial-finished', trial: trial(2, 0.9), resumed: false });
    display.stop();
    expect(lines).toEqual([
      'round 1/1: 3 trials in lr 0.0001..0.1 (log)\n',
      '[1/3] round 1 trial 0: score 0.8 (from the journal); best 0.8  lr=0.001\n',
      '[2/3] round 1 trial 1: failed: boom in 0.5 s; best 0.8  lr=0.001\n',
      '[3/3] round 1 trial 2: score 0.9 in 0.5 s; best 0.9  lr=0.001\n',
    ]);
  });

  it('tells a pruned trial with the epoch it stopped at, and keeps the best among complete trials', () => {
    const lines: string[] = [];
    const display = progress({ total: 2, rounds: 1, direction: 'maximize', tty: false, write: (t) => lines.push(t) });
    const history = [{ score: 0.5 }, { score: 0.95 }];
    display.next({ type: 'trial-pruned', trial: { ...trial(0, 0.95), status: 'pruned', history, epochs: 2 }, resumed: false });
    display.next({ type: 'trial-finished', trial: trial(1, 0.9), resumed: false });
    expect(lines).toEqual([
      '[1/2] round 1 trial 0: pruned at epoch 2, score 0.95 in 0.5 s; best —  lr=0.001\n',
      '[2/2] round 1 trial 1: score 0.9 in 0.5 s; best 0.9  lr=0.001\n',
    ]);
  });

  it('shows no round or trial denominator when rounds go on until a budget is spent, but the budget left', () => {
    const lines: string[] = [];
    let ms = 0;
    const display = progress({ budgetSeconds: 300, direction: 'maximize', tty: false, write: (t) => lines.push(t), now: () => ms });
    ms = 75_000;
    display.next({ type: 'round-started', round: 3, ranges: { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 } }, trials: 2 });
    display.next({ type: 'trial-finished', trial: { ...trial(0, 0.8), round: 3 }, resumed: false });
    expect(lines).toEqual([
      'round 3: 2 trials in lr 0.0001..0.1 (log); 225 s of the trials\' budget left\n',
      '[1] round 3 trial 0: score 0.8 in 0.5 s; best 0.8  lr=0.001\n',
    ]);
  });
});
