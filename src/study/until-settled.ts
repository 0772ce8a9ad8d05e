import { Observable, type Subscription } from 'rxjs';
import type { Dataset } from '../data/dataset.ts';
import { evaluate } from '../metrics/evaluate.ts';
import { restoreWeights } from '../nn/checkpoint.ts';
import type { Classifier, Model } from '../nn/model.ts';
import type { EpochRecord, Train, TrainEvent } from '../nn/trainer.ts';

/** Where a training that ran until it settled stopped: the epoch whose weights it kept, the epochs and steps it trained, and why it ended. */
export interface Settled {
  epoch: number;
  epochs: number;
  steps: number;
  /** `settled`: `patience` epochs passed without a better validation macro-F1; `cap`: the shared cap on steps came first. */
  by: 'settled' | 'cap';
}

/**
 * A trainer that trains until its validation macro-F1 settles: early stopping once `patience`
 * epochs in a row have not beaten the best, the model then carrying its best epoch's weights
 * (a model without a checkpoint, as bagging's, keeps its last). The trainer it wraps caps the
 * steps (see `stepBudgeted`); `told` hears where each training stopped.
 *
 * @example
 * const settling = untilSettled(stepBudgeted(train, 400), 5, (s) => console.log(s.epoch));
 */
export function untilSettled(inner: Train, patience: number, told: (settled: Settled) => void): Train {
  return (data, config) => new Observable<TrainEvent>((subscriber) => {
    const validation: Dataset = data.validation ?? data.train;
    const history: EpochRecord[] = [];
    let best: { score: number; epoch: number; weights: Uint8Array | undefined } | undefined;
    let stopped = false;
    let subscription: Subscription | undefined;
    const finish = (model: Classifier, by: Settled['by']) => {
      stopped = true;
      if (best?.weights && 'params' in model) restoreWeights(model as Model, best.weights);
      const kept = best?.weights ? best.epoch : history.length;
      told({ epoch: kept, epochs: history.length, steps: history.at(-1)?.steps ?? 0, by });
      subscriber.next({ type: 'done', model, history: [...history], seconds: history.reduce((a, h) => a + h.seconds, 0) });
      subscriber.complete();
      subscription?.unsubscribe();
    };
    subscription = inner(data, config).subscribe({
      next(event) {
        if (stopped) return;
        if (event.type === 'done') return finish(event.model, 'cap');
        subscriber.next(event);
        if (event.type !== 'epoch') return;
        const { type: _type, model: _model, checkpoint: _checkpoint, ...record } = event;
        history.push(record);
        if (!event.model) return;
        const score = evaluate(event.model, validation).macroF1;
        if (!best || score > best.score) best = { score, epoch: event.epoch, weights: event.checkpoint?.() };
        if (event.epoch - best.epoch >= patience) finish(event.model, 'settled');
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    if (stopped) subscription.unsubscribe();
    return () => subscription?.unsubscribe();
  });
}
