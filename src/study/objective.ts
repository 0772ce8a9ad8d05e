import { filter, identity, map, takeWhile } from 'rxjs';
import type { Dataset } from '../data/dataset.ts';
import { divergedOutputs, evaluate } from '../metrics/evaluate.ts';
import { defaultTrainConfig, train as plainTrain, type Train, type TrainConfig, type TrainEvent } from '../nn/trainer.ts';
import { metricRecord, type MetricName } from '../metrics/registry.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import type { Objective } from '../search/objective.ts';
import { stopWhenStale } from './early-stop.ts';

export interface MlpObjectiveOptions {
  /** Epochs each trial trains (the lecture's "few"), unless a pruner gives a trial its rung. */
  epochs: number;
  metric: MetricName;
  /** Settings the space does not name (default: the trainer's defaults). */
  base?: TrainConfig;
  /** The trainer, maybe wrapped by strategies (default: the plain trainer). */
  train?: Train;
  /** Stop once this many epochs in a row have not beaten the best validation score (see `stopWhenStale`); never when absent. */
  patience?: number;
  /** A time (`Date.now()` ms) after which training stops between epochs; never when absent. */
  until?: number;
}

/** The trainer's event after an epoch. */
export type EpochEvent = Extract<TrainEvent, { type: 'epoch' }>;

/**
 * An epoch's validation score by `metric`, from the epoch's accuracy or its live model.
 *
 * @example
 * validationScore(event, splits.validation, 'macroF1');
 */
export function validationScore(event: EpochEvent, validation: Dataset, metric: MetricName): number {
  // The epoch's last step blew the weights up: the trial failed, whatever its accuracy says.
  if (event.valLoss !== null && !Number.isFinite(event.valLoss)) throw new Error(divergedOutputs);
  if (metric === 'accuracy' && event.valAccuracy !== null) return event.valAccuracy;
  if (!event.model) throw new Error(`--metric ${metric} needs the model in the trainer's epoch events, and this trainer gives none`);
  return metricRecord(metric).of(evaluate(event.model, validation));
}

/**
 * Step 2 of the search for the MLP: trains the sampled configuration for `epochs` epochs on
 * `train` and scores each epoch on `validation` with `metric`. A trial's score is its best
 * epoch's validation score (the search takes the best of the steps; `last` keeps the final
 * epoch's). Each step also records the epoch's losses and accuracies for the journal. Under a
 * pruner the trial trains up to its rung, going on from its checkpoint, and the rung's last
 * step carries the trainer's checkpoint (base64) so the next rung picks up from there.
 *
 * @example
 * const objective = mlpObjective({ train: splits.train, validation: splits.validation }, { epochs: 2, metric: 'accuracy' });
 */
export function mlpObjective(data: { train: Dataset; validation: Dataset }, options: MlpObjectiveOptions): Objective {
  const train = options.train ?? plainTrain;
  const base = options.base ?? defaultTrainConfig;
  return (params, { seed, epochs, checkpoint }) => {
    const target = epochs ?? options.epochs;
    const resume = checkpoint === undefined ? {} : { resume: Buffer.from(checkpoint, 'base64') };
    // Under a pruner the trial stops at a rung and may go on later: its last epoch gives its state.
    const state = (event: EpochEvent): Record<string, string> => (epochs !== undefined && event.epoch === target && event.checkpoint
      ? { checkpoint: Buffer.from(event.checkpoint()).toString('base64') }
      : {});
    return train(data, { ...trainConfigOf(params, base), epochs: target, seed, ...resume }).pipe(
      filter((event): event is EpochEvent => event.type === 'epoch'),
      map((event) => ({
        epoch: event.epoch,
        score: validationScore(event, data.validation, options.metric),
        loss: event.loss,
        trainAccuracy: event.trainAccuracy,
        valLoss: event.valLoss,
        valAccuracy: event.valAccuracy,
        ...state(event),
      })),
      options.patience === undefined ? identity : stopWhenStale((step) => step.score, metricRecord(options.metric).direction, options.patience),
      options.until === undefined ? identity : takeWhile(() => Date.now() < options.until!, true),
    );
  };
}
