import { lastValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { classCounts, fromRows, train, type Classifier, type Train, type TrainConfig } from '../../src/internal.ts';
import { averaged } from '../../strategies/bagging.ts';
import { resolveStrategy } from '../../strategies/registry.ts';
import { gaussians, quickConfig } from './fixtures.ts';

const constant = (p: number[]): Classifier => ({
  classes: p.length,
  predictProba: (x) => fromRows(Array.from({ length: x.rows }, () => p), 'float64'),
});

/** Member b (from its seed "…/bagb") predicts [b/4, 1 − b/4] and reports loss b for two epochs. */
const seen: { config: TrainConfig; counts: number[]; first: number }[] = [];
const fakeMembers: Train = (data, config) => {
  seen.push({ config, counts: classCounts(data.train), first: data.train.x.data[0]! });
  const b = Number(String(config.seed).split('/bag')[1]);
  const record = (epoch: number) => ({ epoch, loss: b, trainAccuracy: b / 10, valLoss: null, valAccuracy: null, steps: 3, seconds: 0 });
  return of(
    { type: 'epoch' as const, ...record(1) },
    { type: 'epoch' as const, ...record(2) },
    { type: 'done' as const, model: constant([b / 4, 1 - b / 4]), history: [record(1), record(2)], seconds: 0 },
  );
};

describe('averaged', () => {
  it('predicts the mean of its members\' probabilities', () => {
    const p = averaged([constant([1, 0]), constant([0.5, 0.5])]).predictProba(fromRows([[0], [0]]));
    expect(Array.from(p.data)).toEqual([0.75, 0.25, 0.75, 0.25]);
  });
});

describe('bootstrap:bagging=B', () => {
  it('trains B members on their own balanced bootstrap samples with their own seeds, and averages them', async () => {
    seen.length = 0;
    const events = await lastValueFrom(
      resolveStrategy('bootstrap:bagging=3')(fakeMembers)({ train: gaussians([20, 5], 2, 'bag') }, { ...quickConfig, seed: 9 }).pipe(toArray()),
    );
    expect(seen.map((s) => s.config.seed)).toEqual(['9/bag0', '9/bag1', '9/bag2']);
    expect(seen.map((s) => s.counts)).toEqual([[20, 20], [20, 20], [20, 20]]);
    expect(new Set(seen.map((s) => s.first)).size).toBe(3);
    // One epoch event per epoch, with the members' mean figures and summed steps.
    expect(events.map((e) => e.type)).toEqual(['epoch', 'epoch', 'done']);
    expect(events[0]).toMatchObject({ epoch: 1, loss: 1, trainAccuracy: expect.closeTo(0.1, 12), steps: 9 });
    const done = events[2]!;
    if (done.type !== 'done') throw new Error('no model');
    expect(done.history.map((h) => h.epoch)).toEqual([1, 2]);
    // Members predict [0, 1], [1/4, 3/4], [1/2, 1/2]: their mean is [1/4, 3/4].
    const [p0, p1] = done.model.predictProba(fromRows([[0]])).data;
    expect([p0, p1]).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.75, 12)]);
  });

  it('streams one event per epoch with the real trainer, then a model whose rows are probabilities', async () => {
    const data = gaussians([40, 8], 2, 'real', { dtype: 'float32' });
    const events = await lastValueFrom(
      resolveStrategy('bootstrap:bagging=2')(train)({ train: data, validation: data }, { ...quickConfig, epochs: 3 }).pipe(toArray()),
    );
    expect(events.map((e) => (e.type === 'epoch' ? e.epoch : e.type))).toEqual([1, 2, 3, 'done']);
    const done = events[3]!;
    if (done.type !== 'done') throw new Error('no model');
    const p = done.model.predictProba(data.x);
    for (let i = 0; i < p.rows; i++) expect(p.data[2 * i]! + p.data[2 * i + 1]!).toBeCloseTo(1, 6);
    expect(events[0]).toMatchObject({ valLoss: expect.any(Number), valAccuracy: expect.any(Number) });
  });

  it('passes on step events as the members\' mean batch loss, in order with the epochs', async () => {
    const data = gaussians([40, 8], 2, 'steps', { dtype: 'float32' });
    const config = { ...quickConfig, epochs: 2, batchSize: 16, stepEvery: 2 };
    const events = await lastValueFrom(resolveStrategy('bootstrap:bagging=2')(train)({ train: data }, config).pipe(toArray()));
    // 40 + 40 rows in batches of 16: 5 steps an epoch, a step event every 2nd update.
    expect(events.map((e) => (e.type === 'step' ? `s${e.step}` : e.type === 'epoch' ? `e${e.epoch}` : e.type)))
      .toEqual(['s2', 's4', 'e1', 's6', 's8', 's10', 'e2', 'done']);
    for (const e of events) if (e.type === 'step') expect(e.loss).toBeGreaterThan(0);
  });

  it('refuses bagging below 1', () => {
    expect(() => resolveStrategy('bootstrap:bagging=0')).toThrow('bootstrap: bagging must be an integer >= 1, got 0');
  });
});
