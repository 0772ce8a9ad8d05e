import { describe, expect, it } from 'vitest';
import { createRng, matrix } from '../../src/internal.ts';
import { InputError } from '../../src/errors.ts';
import { runComparisonTask, runOf, shareSplits, type LoadedSplits } from '../../src/study/comparison-task.ts';
import { defaultTrainConfig } from '../../src/nn/trainer.ts';

// A comparison's run as a worker thread performs it: on splits in shared memory, with its
// errors coming back as the same kind, so that bad input still exits with code 2.

function tiny(): LoadedSplits {
  const rng = createRng('task');
  const part = (rows: number) => {
    const x = matrix(rows, 3);
    for (let i = 0; i < x.data.length; i++) x.data[i] = rng.normal();
    return { x, y: Int32Array.from({ length: rows }, (_, i) => i % 2), classNames: ['a', 'b'], featureNames: ['f0', 'f1', 'f2'] };
  };
  return { source: 'tiny', fingerprints: {}, train: part(40), validation: part(10), test: part(10) };
}

describe('a comparison task', () => {
  it('shares the splits\' arrays instead of copying them, with the same values', () => {
    const splits = tiny();
    const shared = shareSplits(splits);
    expect(shared.train.x.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.test.y.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.validation.x.data)).toEqual(Array.from(splits.validation.x.data));
  });

  it('trains on shared splits as on the originals', async () => {
    const splits = tiny();
    const config = { ...defaultTrainConfig, hidden: [4], epochs: 2, batchSize: 8 };
    const [a, b] = await Promise.all([splits, shareSplits(splits)].map((s) => runComparisonTask({ splits: s, spec: 'none', config, minority: 1, budget: { by: 'steps', steps: 8 } })));
    expect(runOf(b!).values).toEqual(runOf(a!).values);
  });

  it('returns an error by name, and runOf throws it again as an InputError', async () => {
    const outcome = await runComparisonTask({ splits: tiny(), spec: 'bogus', config: defaultTrainConfig, minority: 0, budget: { by: 'epochs', steps: 0 } });
    expect(outcome).toEqual({ error: { name: 'InputError', message: expect.stringContaining('unknown strategy "bogus"') } });
    expect(() => runOf(outcome)).toThrow(InputError);
  });

  it('throws any other error as a plain Error with its message', () => {
    expect(() => runOf({ error: { name: 'TypeError', message: 'boom' } })).toThrow(/^boom$/);
  });
});
