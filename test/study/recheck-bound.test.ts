import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { steps } from '../../src/search/objective.ts';
import { mlpObjective } from '../../src/study/objective.ts';
import { taskData } from '../../src/study/index.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { seededRows } from '../model/fixtures.ts';

describe('a retraining bounded by a budget (the recheck\'s `until`)', () => {
  const csv = writeText(tempDir(), 'data.csv', seededRows(240, 3, 2, 4));
  const { trial } = taskData({ dataset: `csv:${csv}`, label: 'label', seed: 3, epochs: 3, metric: 'accuracy' });
  const params = { lr: 0.01, hidden: [8], optimizer: 'adam' };
  const run = (until?: number) => lastValueFrom(steps(mlpObjective(trial, { epochs: 6, metric: 'accuracy', ...(until !== undefined && { until }) })(params, { seed: 4 })).pipe(toArray()));

  it('stops after the epoch during which its time ran out, keeping the scores it has', async () => {
    expect(await run(Date.now() - 1)).toHaveLength(1);
    const unbounded = await run();
    expect(unbounded).toHaveLength(6);
    expect(await run(Date.now() + 3_600_000)).toEqual(unbounded);
  });
});
