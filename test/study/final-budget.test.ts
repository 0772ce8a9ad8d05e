import { describe, expect, it } from 'vitest';
import { evaluate, type Classifier, type ScoredTrial } from '../../src/internal.ts';
import { finalTest, taskData } from '../../src/study/index.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { seededRows } from '../model/fixtures.ts';

// A trial as the journal keeps it, whose validation score was best at its second epoch.
const trial: ScoredTrial = {
  round: 1, index: 0, seed: 11, status: 'complete', score: 0.9, last: 0.8, seconds: 1,
  params: { lr: 0.01, hidden: [8], optimizer: 'adam' },
  history: [{ epoch: 1, score: 0.7 }, { epoch: 2, score: 0.9 }, { epoch: 3, score: 0.8 }],
};

describe('the final training under a budget', () => {
  const csv = writeText(tempDir(), 'data.csv', seededRows(240, 3, 2, 4));
  const data = taskData({ dataset: `csv:${csv}`, label: 'label', seed: 3, epochs: 3, metric: 'accuracy' });

  it('stops once the budget\'s end has passed, but not before the epoch its trial scored best at', async () => {
    const timed = await finalTest(trial, data, 40, 'accuracy', { until: 0 });
    expect(timed).toMatchObject({ epochs: 2, timeUp: true });
  });

  it('without a deadline trains on until early stopping or its epochs, the time never up', async () => {
    const untimed = await finalTest(trial, data, 40, 'accuracy');
    expect(untimed.timeUp).toBe(false);
    expect(untimed.epochs).toBeGreaterThan(2);
  });
});

describe('the final model as an ensemble (search --ensemble)', () => {
  const csv = writeText(tempDir(), 'data.csv', seededRows(240, 3, 2, 4));
  const data = taskData({ dataset: `csv:${csv}`, label: 'label', seed: 3, epochs: 3, metric: 'accuracy' });

  it('retrains the configuration with the trial\'s seed and seeds of its own, and averages those that keep the validation score', async () => {
    let model: Classifier | undefined;
    const final = await finalTest(trial, data, 6, 'accuracy', { members: 3, keep: (m) => { model = m; } });
    expect(final.members.map((m) => m.seed)).toEqual([11, '11/member1', '11/member2']);
    const kept = final.members.filter((m) => m.kept);
    // Greedy selection starts from the best network alone and never lets the average's validation score fall.
    expect(kept.length).toBeGreaterThan(0);
    expect(final.validation).toBeGreaterThanOrEqual(Math.max(...final.members.map((m) => m.validation)));
    expect(model!.members?.length ?? 1).toBe(kept.length);
    expect(final.validation).toBe(evaluate(model!, data.splits.validation).accuracy);
    expect(final.test.accuracy).toBe(evaluate(model!, data.splits.test).accuracy);
    // The first network is the single final training's: the same seed and the same stopping gives the same scores.
    const single = await finalTest(trial, data, 6, 'accuracy');
    expect(single.members).toEqual([{ ...final.members[0], kept: true }]);
  });

  it('starts no further network once the budget has ended: the first still trains to its trial\'s best epoch', async () => {
    const timed = await finalTest(trial, data, 40, 'accuracy', { members: 3, until: 0 });
    expect(timed.members).toHaveLength(1);
    expect(timed).toMatchObject({ epochs: 2, timeUp: true });
  });
});
