import { defer, filter, forkJoin, map, merge, share, zip, type Observable } from 'rxjs';
import { averaged, checkSize, createRng, type Classifier, type EpochRecord, type Strategy, type TrainEvent } from '../src/plugin.ts';
import type { Resampler } from './resampled.ts';

/** Kept here too: bagging's ensemble is where callers look for it. */
export { averaged } from '../src/plugin.ts';

type Done = Extract<TrainEvent, { type: 'done' }>;
const isEpoch = (e: TrainEvent): e is Extract<TrainEvent, { type: 'epoch' }> => e.type === 'epoch';
const isStep = (e: TrainEvent): e is Extract<TrainEvent, { type: 'step' }> => e.type === 'step';
const isDone = (e: TrainEvent): e is Done => e.type === 'done';

/**
 * Bagging (Breiman 1996): trains `members` models, each on its own resample of the training
 * split and with its own seed, and predicts with the mean of their class probabilities.
 * The members train side by side; each epoch event carries the members' mean figures for
 * that epoch (steps summed, seconds of the slowest), and each step event their mean batch
 * loss, so progress reads as for one model.
 *
 * @example
 * const bagged = bagging('bootstrap', 5, bootstrapSample({ ratio: 1 }))(train);
 */
export function bagging(strategy: string, members: number, resampler: Resampler): Strategy {
  return (train) => (data, config) =>
    defer(() => {
      // The members train at once: all of their networks must fit, not just one.
      checkSize(data.train, config, members);
      const rng = createRng(config.seed).fork(`bagging/${strategy}`);
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      const runs = Array.from({ length: members }, (_, b) => {
        const sample = resampler(data.train, rng.fork(b));
        return train({ ...data, train: sample.data }, { ...config, seed: `${config.seed}/bag${b}` }).pipe(share());
      });
      const epochs: Observable<TrainEvent> = zip(runs.map((run) => run.pipe(filter(isEpoch)))).pipe(
        // The members' average as the epoch's model, as one trainer's epoch carries its network: a search scores epochs by it
        // and keeps the final training's last one (bagging gives no checkpoint to roll back to).
        map((records) => ({ type: 'epoch' as const, ...meanRecord(records), ...epochModel(records) })),
      );
      const done: Observable<TrainEvent> = forkJoin(runs.map((run) => run.pipe(filter(isDone)))).pipe(
        map((finished) => ({
          type: 'done' as const,
          model: averaged(finished.map((f) => f.model)),
          history: meanHistory(finished.map((f) => f.history)),
          seconds: seconds(),
        })),
      );
      const steps: Observable<TrainEvent> = zip(runs.map((run) => run.pipe(filter(isStep)))).pipe(
        map((events) => ({ ...events[0]!, loss: events.reduce((a, e) => a + e.loss, 0) / events.length })),
      );
      return merge(steps, epochs, done);
    });
}

/** The members' current networks averaged, when every member's epoch carries its network. */
function epochModel(events: readonly Extract<TrainEvent, { type: 'epoch' }>[]): { model?: Classifier } {
  const models = events.map((e) => e.model);
  return models.every((m) => m !== undefined) ? { model: averaged(models as Classifier[]) } : {};
}

function meanRecord(records: readonly EpochRecord[]): EpochRecord {
  const mean = (pick: (r: EpochRecord) => number) => records.reduce((a, r) => a + pick(r), 0) / records.length;
  const meanOrNull = (pick: (r: EpochRecord) => number | null) =>
    records.every((r) => pick(r) !== null) ? mean((r) => pick(r)!) : null;
  return {
    epoch: records[0]!.epoch,
    loss: mean((r) => r.loss),
    trainAccuracy: mean((r) => r.trainAccuracy),
    valLoss: meanOrNull((r) => r.valLoss),
    valAccuracy: meanOrNull((r) => r.valAccuracy),
    steps: records.reduce((a, r) => a + r.steps, 0),
    seconds: records.reduce((a, r) => Math.max(a, r.seconds), -Infinity),
  };
}

function meanHistory(histories: readonly EpochRecord[][]): EpochRecord[] {
  const epochs = histories.reduce((a, h) => Math.min(a, h.length), Infinity);
  return Array.from({ length: epochs }, (_, e) => meanRecord(histories.map((h) => h[e]!)));
}
