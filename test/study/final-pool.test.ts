import { afterAll, describe, expect, it } from 'vitest';
import type { ScoredTrial } from '../../src/index.ts';
import { workerExecutor } from '../../src/search/worker-executor.ts';
import { finalTest, taskData } from '../../src/study/index.ts';
import { finalPool } from '../../src/study/final-pool.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { seededRows } from '../model/fixtures.ts';

const trial: ScoredTrial = {
  round: 1, index: 0, seed: 11, status: 'complete', score: 0.9, last: 0.8, seconds: 1,
  params: { lr: 0.01, hidden: [8], optimizer: 'adam' },
  history: [{ epoch: 1, score: 0.7 }, { epoch: 2, score: 0.9 }, { epoch: 3, score: 0.8 }],
};

describe('the final networks on the worker pool', () => {
  const csv = writeText(tempDir(), 'data.csv', seededRows(240, 3, 2, 4));
  const task = { dataset: `csv:${csv}`, label: 'label', seed: 3, epochs: 3, metric: 'accuracy' as const };
  const data = taskData(task);
  const executor = workerExecutor({ module: new URL('../../src/study/task.ts', import.meta.url).href, workers: 2 });
  afterAll(() => executor.close());

  it('trains the same networks as this thread does, seed for seed, two at a time', async () => {
    const here = await finalTest(trial, data, 6, 'accuracy', { members: 3 });
    const pooled = await finalTest(trial, data, 6, 'accuracy', { members: 3, pool: finalPool(executor, 'study', { ...task, dataHash: data.hash }) });
    expect(pooled.members).toEqual(here.members);
    expect(pooled.test).toEqual(here.test);
    expect(pooled.validation).toBe(here.validation);
    expect(pooled.ended).toBe('networks');
  });
});
