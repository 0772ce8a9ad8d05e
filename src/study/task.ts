import { from } from 'rxjs';
import { z } from 'zod';
import type { Dataset } from '../data/dataset.ts';
import { tableOptionsOf, tableOptionsShape } from '../data/table-options.ts';
import { stratifiedSplit } from '../data/split.ts';
import { defaultRepeats, stratifiedFolds } from '../data/folds.ts';
import { joinRows } from '../data/join-rows.ts';
import { InputError } from '../errors.ts';
import { crossValidated } from '../search/cross-validated.ts';
import { checkObjectiveClass } from '../metrics/objectives.ts';
import { isMetricName, metricForms, metricNames, type MetricName } from '../metrics/registry.ts';
import { mlpObjective } from './objective.ts';
import type { Step } from '../search/objective.ts';
import type { Params } from '../search/space.ts';
import type { ObjectiveFactory } from '../search/worker-task.ts';
import { createRng, type Rng } from '../tensor/rng.ts';
import { tabularFolds } from '../data/tabular.ts';
import { loadSplits } from './data.ts';
import type { SearchSettings } from './settings.ts';
import { trialSetup } from './trial-space.ts';
import { dataBytes, fingerprint } from '../data/hash.ts';
import { memberJson, trainMember } from './final-member.ts';

/**
 * What an MLP trial needs besides its parameters, as plain JSON in every job: where the data
 * come from and how they are split, how long a trial trains and what scores it, and the hash
 * of the data the study's own process loaded, which a worker checks against its own load.
 */
export const mlpTaskSchema = z.object({
  dataset: z.string(),
  label: z.string(),
  imbalance: z.union([z.object({ kind: z.literal('lt'), ratio: z.number() }), z.object({ kind: z.literal('minority'), fraction: z.number() })]).optional(),
  seed: z.number().int(),
  trialSubset: z.number().int().min(1).optional(),
  cv: z.number().int().min(2).optional(),
  /** Trials cross-validate over the training and validation split together (see `SearchSettings.refit`). */
  refit: z.boolean().optional(),
  repeats: z.number().int().min(1).optional(),
  epochs: z.number().int().min(1),
  /** Early stopping's patience, for the honesty check's retraining (see `stopWhenStale`). */
  patience: z.number().int().min(1).optional(),
  metric: z.string().refine(isMetricName, { message: `must be one of ${[...metricNames, ...metricForms].join(', ')} (B > 0)` }).transform((m) => m as MetricName),
  dataHash: z.string().optional(),
  ...tableOptionsShape,
  /** A time (`Date.now()` ms) after which a trial stops between epochs: the honesty check's share of a budget. */
  until: z.number().optional(),
  /** A network of the final model rather than a trial: trained on the whole training split (see `trainMember`). */
  final: z.object({
    seed: z.union([z.number(), z.string()]), atLeast: z.number().int().min(1), until: z.number().nullable(), warmStart: z.string().optional(),
    refit: z.boolean().optional(),
  }).optional(),
});
export type MlpTask = z.infer<typeof mlpTaskSchema>;

/**
 * The task of a study's settings: what every one of its trials shares.
 *
 * @example
 * const task = taskOf(settings); // { dataset: 'mnist', label: 'label', seed: 1, epochs: 2, metric: 'accuracy' }
 */
export function taskOf(settings: SearchSettings): MlpTask {
  return {
    dataset: settings.dataset, label: settings.label, seed: settings.seed, epochs: settings.epochs, metric: settings.metric,
    ...(settings.imbalance && { imbalance: settings.imbalance }),
    ...(settings.trialSubset !== undefined && { trialSubset: settings.trialSubset }),
    ...(settings.cv !== undefined && { cv: settings.cv, repeats: settings.repeats ?? defaultRepeats }),
    ...(settings.refit === true && { refit: true }),
    ...tableOptionsOf(settings),
  };
}

/**
 * The splits of a task's dataset (seeded by the study seed), the data trials train and score
 * on (a stratified `trialSubset` of the training split when asked, else all of it, and the
 * validation split) and the hash of those.
 *
 * @example
 * const { splits, trial, hash } = taskData({ dataset: 'mnist', label: 'label', seed: 7, epochs: 2, metric: 'accuracy' });
 */
export function taskData(task: MlpTask) {
  const splits = loadSplits({ dataset: task.dataset, label: task.label, ...(task.imbalance && { imbalance: task.imbalance }), ...tableOptionsOf(task) }, task.seed);
  checkObjectiveClass(task.metric, splits.train.classNames, task.dataset);
  // Under refit the trials' folds, and the final model, use the training file's rows: training and validation split together.
  const rows = task.refit ? joinRows(splits.train, splits.validation) : splits.train;
  const rowIds = splits.tabular && (task.refit ? joinRows(splits.tabular.ids.train, splits.tabular.ids.validation) : splits.tabular.ids.train);
  const n = rows.y.length;
  const subset = task.trialSubset !== undefined && task.trialSubset < n;
  const subsetOf = (ds: Dataset) => stratifiedSplit(ds, task.trialSubset! / n, createRng(task.seed).fork('trial subset'))[1];
  const train = subset ? subsetOf(rows) : rows;
  const trial = { train, validation: splits.validation };
  // A table's trial rows by their row numbers (the same stratified draw), so folds can refit its encoding.
  const trialIds = rowIds && (subset ? subsetOf(rowIds) : rowIds);
  // Every trial would fail alike on one class ("at least two classes are needed"): refused before any runs.
  const classes = new Set(train.y).size;
  if (train !== rows && classes < new Set(rows.y).size) {
    throw new InputError(`--trial-subset ${task.trialSubset}: a stratified subset that small holds ${classes} of the training split's ` +
      `${new Set(rows.y).size} classes; give a larger one`);
  }
  if (task.cv !== undefined && task.cv > train.y.length) {
    throw new InputError(`--cv ${task.cv}: the trials' training split has only ${train.y.length} rows`);
  }
  return { splits, rows, trial, trialIds, hash: fingerprint([...dataBytes(trial.train), ...dataBytes(trial.validation)]) };
}

/**
 * The MLP objective of a task, for worker threads (see `ObjectiveFactory`): a trial's
 * parameters choose the MLP's settings and the data strategy it trains with (see
 * `trialSetup`). The data are loaded once per worker; a worker whose data hash differently
 * from the study's fails its trials.
 */
export const objectiveFor: ObjectiveFactory = (json) => {
  const task = mlpTaskSchema.parse(json);
  const { trial, trialIds, splits, rows, hash } = dataOf(task);
  if (task.dataHash !== undefined && task.dataHash !== hash) {
    throw new Error(`the data this worker loaded from ${task.dataset} hash to ${hash}, but the study's hash to ${task.dataHash}`);
  }
  const { final } = task;
  if (final) {
    // One step: the network, its best epoch's validation score and where it stopped (see `memberJson`).
    const warmStart = final.warmStart === undefined ? {} : { warmStart: Buffer.from(final.warmStart, 'base64') };
    const plan = (params: Params, cap: number) => ({
      params, seed: final.seed, cap, atLeast: final.atLeast, until: final.until ?? Infinity, ...warmStart, ...(final.refit && { refit: true }),
    });
    // A refit trains on every training row: the training and validation splits together.
    const data = final.refit ? { train: rows, validation: splits.validation } : splits;
    return (params, { epochs }) => from(trainMember(plan(params, epochs ?? task.epochs), data, task.metric).then((member): Step => ({ score: 0, ...memberJson(member) })));
  }
  // The folds are dealt once per worker, from the study seed: every trial sees the same folds.
  const { cv, repeats = 1 } = task;
  // A table's folds refit its encoding on each fold's training part.
  const foldsOf = (rng: Rng) => (splits.tabular && splits.encoder && trialIds
    ? tabularFolds(splits.tabular.source.train, trialIds, cv!, rng, splits.tabular.source.encoder)
    : stratifiedFolds(trial.train, cv!, rng));
  const folds = cv === undefined ? [] : Array.from({ length: repeats }, (_, r) => foldsOf(createRng(task.seed).fork(`cv/${r}`))).flat();
  // Each trial trains with its own strategy: the objective is built per trial (cheaply: the data are loaded once).
  return (params, context) => {
    const { train, mlp } = trialSetup(params);
    const objective = (data: { train: Dataset; validation: Dataset }) => mlpObjective(data, {
      epochs: task.epochs, metric: task.metric, train, ...(task.until !== undefined && { until: task.until }),
    });
    return (cv === undefined ? objective(trial) : crossValidated(folds, objective))(mlp, context);
  };
};

const loaded = new Map<string, ReturnType<typeof taskData>>();

/** A task's data, loaded once per thread for every task on the same data (the trials', the recheck's, the final networks'). */
function dataOf(task: MlpTask): ReturnType<typeof taskData> {
  const { dataset, label, imbalance, seed, trialSubset, metric } = task;
  const key = JSON.stringify({ dataset, label, imbalance, seed, trialSubset, metric });
  if (!loaded.has(key)) loaded.set(key, taskData(task));
  return loaded.get(key)!;
}
