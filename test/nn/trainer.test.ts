import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  DivergedError, defaultTrainConfig, evaluate, softmaxCrossEntropy, train, type Classifier, type Loss, type TrainConfig, type TrainEvent,
} from '../../src/internal.ts';
import { blobs } from '../helpers/blobs.ts';

const data = { train: blobs([60, 50, 40], 4, 1), validation: blobs([20, 20, 20], 4, 2) };
const config: TrainConfig = { ...defaultTrainConfig, hidden: [16], epochs: 3, batchSize: 32, optimizer: { name: 'adam', lr: 0.01 } };

const run = (c: TrainConfig, d = data) => lastValueFrom(train(d, c).pipe(toArray()));
const epochs = (events: TrainEvent[]) => events.filter((e) => e.type === 'epoch');

describe('trainer', () => {
  it('emits one event per epoch, then the trained model', async () => {
    const events = await run({ ...config, optimizer: { name: 'adam', lr: 0.05 } });
    expect(events.map((e) => e.type)).toEqual(['epoch', 'epoch', 'epoch', 'done']);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no model');
    expect(done.history).toHaveLength(3);
    expect(evaluate(done.model, data.validation).accuracy).toBeGreaterThan(0.9);
    const p = done.model.predictProba(data.validation.x);
    expect(Array.from(p.data.slice(0, 3)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it.each([
    ['batch gradient descent: one update per epoch', 'full' as const, 1],
    ['stochastic gradient descent: one update per example', 1, 150],
    ['mini-batch gradient descent: ⌈n / B⌉ updates per epoch', 32, 5],
  ])('%s', async (_, batchSize, perEpoch) => {
    const events = epochs(await run({ ...config, batchSize, epochs: 2 }));
    expect(events.map((e) => e.type === 'epoch' && e.steps)).toEqual([perEpoch, 2 * perEpoch]);
  });

  it('stops after maxSteps updates, mid-epoch', async () => {
    const events = epochs(await run({ ...config, maxSteps: 7, epochs: 10 }));
    expect(events.map((e) => e.type === 'epoch' && e.steps)).toEqual([5, 7]);
  });

  it('reports the batch loss every stepEvery updates, for learning curves', async () => {
    const events = await run({ ...config, maxSteps: 7, epochs: 10, stepEvery: 2 });
    const steps = events.flatMap((e) => (e.type === 'step' ? [[e.step, e.epoch]] : []));
    expect(steps).toEqual([[2, 1], [4, 1], [6, 2]]);
  });

  it('gives the same numbers for the same seed, and others for another seed', async () => {
    const history = async (seed: number) => epochs(await run({ ...config, seed, dropout: 0.2 })).map((e) => e.type === 'epoch' && [e.loss, e.valLoss]);
    expect(await history(3)).toEqual(await history(3));
    expect(await history(3)).not.toEqual(await history(4));
  });

  it('ends with an error naming the epoch and iteration when the loss diverges', async () => {
    const wild: TrainConfig = { ...config, init: 'normal:10', optimizer: { name: 'sgd', lr: 1e6 }, epochs: 20 };
    const error = await run(wild).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DivergedError);
    expect((error as DivergedError).message).toMatch(/loss became (NaN|Infinity) at epoch \d+, iteration \d+/);
  });

  it('rejects a bad config with the field and the value', async () => {
    await expect(run({ ...config, epochs: 0 })).rejects.toThrow('train config: epochs must be an integer >= 1 and <= 100000, got 0');
    await expect(run({ ...config, optimizer: { name: 'sgd', lr: -1 } })).rejects.toThrow('optimizer.lr must be > 0, got -1');
  });

  it('stops training when unsubscribed', async () => {
    // The loss counts its batches, so training that went on unseen (its events dropped) would show.
    const base = softmaxCrossEntropy();
    let batches = 0;
    const loss: Loss = { ...base, compute: (...args) => (batches++, base.compute(...args)) };
    const seen: number[] = [];
    let atStop = 0;
    let failed: unknown;
    const subscription = train(data, { ...config, loss, epochs: 50 }).subscribe({
      next: (e) => {
        if (e.type === 'epoch') seen.push(e.epoch);
        if (e.type === 'epoch' && e.epoch === 2) {
          subscription.unsubscribe();
          atStop = batches;
        }
      },
      error: (error: unknown) => (failed = error),
    });
    // Epochs run one per turn of the event loop: the first two, then twenty turns in which no other may start.
    while (seen.length < 2 && failed === undefined) await new Promise((resolve) => setImmediate(resolve));
    expect(failed).toBeUndefined();
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([1, 2]);
    expect(atStop).toBeGreaterThan(0);
    expect(batches).toBe(atStop);
  });

  it('trains no further epoch once a subscriber unsubscribes while taking one (as early stopping does)', async () => {
    let after2: { model: Classifier; proba: number[] } | undefined;
    const subscription = train(data, { ...config, epochs: 50 }).subscribe((e) => {
      if (e.type !== 'epoch' || e.epoch !== 2 || !e.model) return;
      after2 = { model: e.model, proba: [...e.model.predictProba(data.validation.x).data] };
      subscription.unsubscribe();
    });
    // The trainer runs an epoch per macrotask: a few turns of the loop would have trained a few more on the same model.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect([...after2!.model.predictProba(data.validation.x).data]).toEqual(after2!.proba);
  });

  it('turns dropout off and uses running batch-norm statistics at inference', async () => {
    const events = await run({ ...config, dropout: 0.5, batchnorm: true, epochs: 5 });
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no model');
    const once = [...done.model.predictProba(data.validation.x).data];
    const twice = [...done.model.predictProba(data.validation.x).data];
    expect(once).toEqual(twice);
    // One row alone gets the same answer as within the whole set: no batch statistics at inference.
    const single = done.model.predictProba({ rows: 1, cols: 4, data: data.validation.x.data.slice(0, 4) });
    [...single.data].forEach((v, i) => expect(v).toBeCloseTo(once[i]!, 5));
  });
});
