import { afterAll, describe, expect, it } from 'vitest';
import type { ScoredTrial } from '../../src/internal.ts';
import { workerExecutor } from '../../src/search/worker-executor.ts';
import { finalTest, taskData } from '../../src/study/index.ts';
import { finalPool } from '../../src/study/final-pool.ts';
import { trainMember } from '../../src/study/final-member.ts';
import { train } from '../../src/nn/trainer.ts';
import { evaluate } from '../../src/metrics/evaluate.ts';
import { filter, lastValueFrom } from 'rxjs';
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

  it('starts a network from a trial\'s checkpoint (on other rows), the same in a worker as here, and nearer the trial\'s score than a fresh one', async () => {
    const config = { hidden: [8], activation: 'relu' as const, init: 'he' as const, batchnorm: false, dropout: 0, optimizer: { name: 'adam' as const, lr: 0.01 }, batchSize: 32, epochs: 8, l1: 0, l2: 0, seed: 5 };
    // The trial trained 8 epochs on a half of the training rows: its checkpoint's order array is of another length.
    const half = { ...data.splits.train, x: { ...data.splits.train.x, rows: 100, data: data.splits.train.x.data.subarray(0, 100 * data.splits.train.x.cols) }, y: data.splits.train.y.subarray(0, 100) };
    const last = await lastValueFrom(train({ train: half, validation: data.splits.validation }, config).pipe(filter((e) => e.type === 'epoch')));
    const warmStart = last.checkpoint!();
    const plan = { params: trial.params, seed: 3, cap: 1, atLeast: 1, until: Infinity };
    const [fresh, warm] = await Promise.all([trainMember(plan, data.splits, 'accuracy'), trainMember({ ...plan, warmStart }, data.splits, 'accuracy')]);
    const pooled = await finalPool(executor, 'study', { ...task, dataHash: data.hash }).run({ ...plan, warmStart });
    const accuracy = (m: typeof fresh) => evaluate(m.model, data.splits.validation).accuracy;
    expect(accuracy(pooled)).toBe(accuracy(warm));
    expect(accuracy(warm)).toBeGreaterThan(accuracy(fresh));
  });
});
