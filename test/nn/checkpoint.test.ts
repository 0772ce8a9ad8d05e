import { lastValueFrom, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, restoreWeights } from '../../src/nn/checkpoint.ts';
import type { Classifier, Model } from '../../src/nn/model.ts';
import { defaultTrainConfig, train, type TrainConfig, type TrainEvent } from '../../src/nn/trainer.ts';
import { createRng } from '../../src/tensor/rng.ts';
import { blobs } from '../helpers/blobs.ts';

const data = { train: blobs([60, 50, 40], 4, 1), validation: blobs([20, 20, 20], 4, 2) };
const run = (c: TrainConfig) => lastValueFrom(train(data, c).pipe(toArray()));
const figures = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'epoch' ? [[e.epoch, e.steps, e.loss, e.valLoss, e.trainAccuracy]] : []));

describe.each([
  ['adam with dropout and batch norm', { optimizer: { name: 'adam', lr: 0.01 }, dropout: 0.3, batchnorm: true }],
  ['momentum', { optimizer: { name: 'momentum', lr: 0.05 } }],
  ['rmsprop', { optimizer: { name: 'rmsprop', lr: 0.01 } }],
  ['adagrad', { optimizer: { name: 'adagrad', lr: 0.05 } }],
  ['sgd', { optimizer: { name: 'sgd', lr: 0.1 } }],
] as const)('a run resumed from a checkpoint (%s)', (_, settings) => {
  const config: TrainConfig = { ...defaultTrainConfig, hidden: [16, 8], batchSize: 32, epochs: 5, seed: 3, ...settings };

  it('goes on exactly as the run that never stopped: same losses, steps and weights, no epoch trained twice', async () => {
    const whole = await run(config);
    const first = await lastValueFrom(train(data, { ...config, epochs: 2 }).pipe(toArray()));
    const atTwo = first.flatMap((e) => (e.type === 'epoch' && e.epoch === 2 && e.checkpoint ? [e.checkpoint()] : []))[0]!;
    const rest = await run({ ...config, resume: atTwo });
    expect(figures(rest).map((f) => f[0])).toEqual([3, 4, 5]);
    expect([...figures(first), ...figures(rest)]).toEqual(figures(whole));
    const weights = (events: TrainEvent[]) => {
      const done = events.at(-1)!;
      return done.type === 'done' ? Array.from(done.model.predictProba(data.validation.x).data) : [];
    };
    expect(weights(rest)).toEqual(weights(whole));
  });
});

describe('checkpoints', () => {
  it('survive encoding: epochs, streams and arrays come back as they were', () => {
    const rng = createRng(5);
    rng.normal();
    const state = { epoch: 3, steps: 12, rngs: { shuffle: rng.state(), dropout: createRng(6).state() }, arrays: [Int32Array.of(2, 0, 1), Float32Array.of(0.5, -1), Float64Array.of(Math.PI)] };
    const back = decodeCheckpoint(encodeCheckpoint(state));
    expect(back).toEqual(state);
    const again = createRng(99);
    again.restore(back.rngs.shuffle);
    expect([again.normal(), again.uniform()]).toEqual([rng.normal(), rng.uniform()]);
  });

  it('refuse a checkpoint of another configuration, and bytes that are not one', async () => {
    const config: TrainConfig = { ...defaultTrainConfig, hidden: [16], batchSize: 32, epochs: 1 };
    const events = await run(config);
    const bytes = events.flatMap((e) => (e.type === 'epoch' && e.checkpoint ? [e.checkpoint()] : []))[0]!;
    await expect(run({ ...config, hidden: [8], epochs: 2, resume: bytes })).rejects.toThrow('checkpoint does not fit this configuration');
    await expect(run({ ...config, epochs: 1, resume: bytes })).rejects.toThrow('checkpoint is at epoch 1, but the run trains only 1');
    expect(() => decodeCheckpoint(new Uint8Array(16))).toThrow('not a skewtune trainer checkpoint');
  });

  it('put an earlier epoch\'s weights back into the model (early stopping keeps its best epoch)', async () => {
    const config: TrainConfig = { ...defaultTrainConfig, hidden: [16], batchnorm: true, batchSize: 32, epochs: 4, seed: 2 };
    const probabilities = (model: Classifier) => Array.from(model.predictProba(data.validation.x).data);
    const modelOf = (events: TrainEvent[]) => {
      const done = events.at(-1)!;
      if (done.type !== 'done') throw new Error('no model');
      return done.model;
    };
    const atTwo = probabilities(modelOf(await run({ ...config, epochs: 2 })));
    let saved: Uint8Array | undefined;
    const model = modelOf(await lastValueFrom(train(data, config).pipe(
      tap((e) => { if (e.type === 'epoch' && e.epoch === 2) saved = e.checkpoint!(); }),
      toArray(),
    )));
    expect(probabilities(model)).not.toEqual(atTwo);
    restoreWeights(model as Model, saved!);
    expect(probabilities(model)).toEqual(atTwo);
  });
});
