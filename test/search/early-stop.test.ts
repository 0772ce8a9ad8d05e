import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/search/objective.ts';
import type { ScoredTrial } from '../../src/search/trial.ts';
import { stopWhenStale } from '../../src/study/early-stop.ts';
import { finalChoice, topRung } from '../../src/study/finish.ts';

const stopped = (scores: number[], direction: 'maximize' | 'minimize' = 'maximize') =>
  lastValueFrom(from(scores).pipe(stopWhenStale((s) => s, direction, 3), toArray()));

const trial = (index: number, scores: number[], status: 'complete' | 'pruned' = 'complete'): ScoredTrial => ({
  round: 1, index, seed: index, params: { lr: index }, status, history: scores.map((score): Step => ({ score })),
  score: Math.max(...scores), last: scores.at(-1)!, seconds: 1,
});

describe('early stopping', () => {
  it('stops once 3 epochs in a row have not beaten the best, that epoch included', async () => {
    expect(await stopped([0.5, 0.6, 0.6, 0.55, 0.58, 0.9, 0.95])).toEqual([0.5, 0.6, 0.6, 0.55, 0.58]);
    expect(await stopped([0.5, 0.6, 0.7])).toEqual([0.5, 0.6, 0.7]);
    expect(await stopped([3, 2, 2.5, 2.1, 2.2, 1], 'minimize')).toEqual([3, 2, 2.5, 2.1, 2.2]);
  });

  it('never stops before the epoch it is told to reach', async () => {
    const scores = [0.5, 0.6, 0.6, 0.55, 0.58, 0.57, 0.56, 0.9];
    expect(await lastValueFrom(from(scores).pipe(stopWhenStale((s) => s, 'maximize', 3, 7), toArray()))).toEqual(scores.slice(0, 7));
  });
});

describe('the final configuration', () => {
  it('is the rechecked one that scored best after full training, not the few-epoch best', () => {
    const [a, b] = [trial(0, [0.9]), trial(1, [0.8])];
    expect(finalChoice(a, [{ trial: a, score: 0.91, error: null }, { trial: b, score: 0.95, error: null }], 'maximize')).toBe(b);
    expect(finalChoice(a, [{ trial: b, score: null, error: 'boom' }], 'maximize')).toBe(a);
    expect(finalChoice(a, [{ trial: a, score: 0.3, error: null }, { trial: b, score: 0.2, error: null }], 'minimize')).toBe(b);
  });

  it('under a pruner is checked on the top rung: first-rung scores against full ones, pruned trials left out', () => {
    const ranked = [trial(0, [0.5, 0.7, 0.9]), trial(1, [0.6, 0.65, 0.8]), trial(2, [0.95], 'pruned')];
    expect(topRung(ranked, 1, 5, 'maximize').map((r) => [r.trial.index, r.few, r.score])).toEqual([[0, 0.5, 0.9], [1, 0.6, 0.8]]);
  });
});
