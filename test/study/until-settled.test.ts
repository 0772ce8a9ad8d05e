import { from, lastValueFrom, Observable, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { evaluate, fromRows, matrix, type Classifier, type Dataset } from '../../src/internal.ts';
import { stepBudgeted } from '../../src/nn/budget.ts';
import { defaultTrainConfig, train, type Train, type TrainEvent } from '../../src/nn/trainer.ts';
import { untilSettled, type Settled } from '../../src/study/until-settled.ts';
import { blobs } from '../helpers/blobs.ts';

// Two classes, two rows each: a model that says class 0 everywhere scores macro-F1 1/3, one that reads x right scores 1.
const validation: Dataset = { x: fromRows([[0], [0], [1], [1]]), y: Int32Array.from([0, 0, 1, 1]), classNames: ['a', 'b'], featureNames: ['x'] };
const constant: Classifier = { classes: 2, predictProba: (x) => fromRows(Array.from({ length: x.rows }, () => [1, 0])) };
const reader: Classifier = {
  classes: 2,
  predictProba: (x) => { const p = matrix(x.rows, 2); for (let i = 0; i < x.rows; i++) p.data[i * 2 + x.data[i]!] = 1; return p; },
};
const record = (epoch: number) => ({ epoch, loss: 1, trainAccuracy: 0.5, valLoss: 1, valAccuracy: 0.5, steps: epoch * 4, seconds: 0.1 });

/** A trainer whose epochs give these models, then a done event. */
function scripted(models: Classifier[]): Train {
  return () => from([
    ...models.map((model, i): TrainEvent => ({ type: 'epoch', model, ...record(i + 1) })),
    { type: 'done', model: models.at(-1)!, history: models.map((_, i) => record(i + 1)), seconds: 1 },
  ]) as Observable<TrainEvent>;
}

async function run(trainer: Train, patience: number, data = { train: validation, validation }, config = defaultTrainConfig) {
  let settled: Settled | undefined;
  const events = await lastValueFrom(untilSettled(trainer, patience, (s) => { settled = s; })(data, config).pipe(toArray()));
  return { events, settled: settled! };
}

describe('training until the validation macro-F1 settles', () => {
  it('stops once `patience` epochs bring no better score, and says where', async () => {
    const { events, settled } = await run(scripted([constant, reader, constant, constant, constant, constant, constant]), 2);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(settled).toEqual({ epoch: 4, epochs: 4, steps: 16, by: 'settled' });
  });

  it('stops at the cap when the score is still rising, saying the cap stopped it', async () => {
    const { settled } = await run(scripted([constant, constant, reader]), 2);
    expect(settled).toEqual({ epoch: 3, epochs: 3, steps: 12, by: 'cap' });
  });

  it('keeps the best epoch\'s weights of a real network', async () => {
    const data = { train: blobs([60, 20], 2, 3, 1.5), validation: blobs([30, 10], 2, 4, 1.5) };
    const config = { ...defaultTrainConfig, hidden: [8], optimizer: { name: 'sgd' as const, lr: 0.5 }, batchSize: 16, epochs: 40, seed: 5 };
    const scores: number[] = [];
    // The trainer as it is, noting each epoch's validation macro-F1 as the epoch ends (the model is live).
    const spy: Train = (d, c) => new Observable<TrainEvent>((sub) => {
      const inner = train(d, c).subscribe({
        next: (e) => { if (e.type === 'epoch') scores.push(evaluate(e.model!, data.validation).macroF1); sub.next(e); },
        error: (e: unknown) => sub.error(e), complete: () => sub.complete(),
      });
      return () => inner.unsubscribe();
    });
    const { events, settled } = await run(stepBudgeted(spy, 200), 3, data, config);
    expect(settled.epochs).toBeLessThan(40);
    const done = events.at(-1) as Extract<TrainEvent, { type: 'done' }>;
    expect(scores[settled.epoch - 1]).toBe(Math.max(...scores));
    expect(evaluate(done.model, data.validation).macroF1).toBe(scores[settled.epoch - 1]);
  });
});
