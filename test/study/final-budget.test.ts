import { describe, expect, it } from 'vitest';
import type { ScoredTrial } from '../../src/index.ts';
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
