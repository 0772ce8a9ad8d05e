import { lastValueFrom } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTrainConfig, evaluate, train, type TrainConfig } from '../../src/internal.ts';
import { resolveStrategy } from '../../strategies/registry.ts';
import { gaussians } from './fixtures.ts';

// Acceptance point 4: two overlapping Gaussian classes, 1:20 in training, balanced at test.
// Plain training leans on the majority; every imbalance strategy must recover minority
// recall, on each of five seeds.

const seeds = [1, 2, 3, 4, 5];
const config = (seed: number): TrainConfig => ({
  ...defaultTrainConfig, hidden: [8], epochs: 10, batchSize: 64, optimizer: { name: 'adam', lr: 0.01 }, seed,
});

async function minorityRecall(strategy: string, seed: number): Promise<number> {
  const trainSplit = gaussians([1000, 50], 2, `train-${seed}`, { shift: 1.5, dtype: 'float32' });
  const test = gaussians([500, 500], 2, `test-${seed}`, { shift: 1.5, dtype: 'float32' });
  const done = await lastValueFrom(resolveStrategy(strategy)(train)({ train: trainSplit }, config(seed)));
  if (done.type !== 'done') throw new Error('training ended without a model');
  return evaluate(done.model, test).perClass[1]!.recall!;
}

describe('minority recall on a 1:20 problem (acceptance point 4)', () => {
  let none: number[] = [];
  beforeAll(async () => {
    none = await Promise.all(seeds.map((seed) => minorityRecall('none', seed)));
  });

  it.each(['bootstrap', 'smote', 'focal', 'class-weight'])('is higher with %s than with none, seed by seed', async (strategy) => {
    const recalls = await Promise.all(seeds.map((seed) => minorityRecall(strategy, seed)));
    recalls.forEach((recall, i) => expect(recall).toBeGreaterThan(none[i]!));
  });
});
