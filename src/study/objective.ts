import { filter, map } from 'rxjs';
import type { Dataset } from '../data/dataset.ts';
import { evaluate } from '../metrics/evaluate.ts';
import { defaultTrainConfig, train as plainTrain, type Train, type TrainConfig, type TrainEvent } from '../nn/trainer.ts';
import { metricRegistry, type MetricName } from '../metrics/registry.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import type { Objective } from '../search/objective.ts';

export interface MlpObjectiveOptions {
  /** Epochs each trial trains (the lecture's "few"). */
  epochs: number;
  metric: MetricName;
  /** Settings the space does not name (default: the trainer's defaults). */
  base?: TrainConfig;
  /** The trainer, maybe wrapped by strategies (default: the plain trainer). */
  train?: Train;
}

type EpochEvent = Extract<TrainEvent, { type: 'epoch' }>;

function validationScore(event: EpochEvent, validation: Dataset, metric: MetricName): number {
  if (metric === 'accuracy' && event.valAccuracy !== null) return event.valAccuracy;
  if (!event.model) throw new Error(`--metric ${metric} needs the model in the trainer's epoch events, and this trainer gives none`);
  return metricRegistry[metric].of(evaluate(event.model, validation));
}

/**
 * Step 2 of the search for the MLP: trains the sampled configuration for `epochs` epochs on
 * `train` and scores each epoch on `validation` with `metric`. A trial's score is its best
 * epoch's validation score (the search takes the best of the steps; `last` keeps the final
 * epoch's). Each step also records the epoch's losses and accuracies for the journal.
 *
 * @example
 * const objective = mlpObjective({ train: splits.train, validation: splits.validation }, { epochs: 2, metric: 'accuracy' });
 */
export function mlpObjective(data: { train: Dataset; validation: Dataset }, options: MlpObjectiveOptions): Objective {
  const train = options.train ?? plainTrain;
  const base = options.base ?? defaultTrainConfig;
  return (params, { seed }) =>
    train(data, { ...trainConfigOf(params, base), epochs: options.epochs, seed }).pipe(
      filter((event): event is EpochEvent => event.type === 'epoch'),
      map((event) => ({
        epoch: event.epoch,
        score: validationScore(event, data.validation, options.metric),
        loss: event.loss,
        trainAccuracy: event.trainAccuracy,
        valLoss: event.valLoss,
        valAccuracy: event.valAccuracy,
      })),
    );
}
