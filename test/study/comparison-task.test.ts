import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { runComparisonTask, runOf } from '../../src/study/comparison-task.ts';
import { defaultTrainConfig } from '../../src/nn/trainer.ts';

// A comparison's run as a worker thread performs it; its errors must come back as the same
// kind, so that bad input still exits with code 2 when the trainings run on threads.

describe('a comparison task', () => {
  it('returns an error by name, and runOf throws it again as an InputError', async () => {
    const outcome = await runComparisonTask({ data: { dataset: 'csv:/no/such/file.csv' }, splitSeed: 1, spec: 'none', config: defaultTrainConfig, minority: 0 });
    expect(outcome).toEqual({ error: { name: 'InputError', message: expect.stringContaining('file.csv') } });
    expect(() => runOf(outcome)).toThrow(InputError);
  });

  it('throws any other error as a plain Error with its message', () => {
    expect(() => runOf({ error: { name: 'TypeError', message: 'boom' } })).toThrow(/^boom$/);
  });
});
