import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { imbalanceSpec, parseImbalance, type Imbalance } from '../data/imbalance.ts';
import { InputError } from '../errors.ts';
import { decisionRuleNames, type DecisionRuleName } from '../model/decision.ts';
import { limits } from '../limits.ts';
import { trainLimits } from '../nn/limits.ts';
import { isMetricName, metricForms, metricNames, type MetricName } from '../metrics/registry.ts';
import { defaultMlpSpace } from '../search/mlp-space.ts';
import { narrowingSamplerDefaults, type NarrowingSamplerOptions } from '../search/samplers/narrowing.ts';
import { defaultSamplerName, samplerNames, type SamplerName } from '../search/samplers/registry.ts';
import type { Json, Space } from '../search/space.ts';
import { absoluteDatasetSpec } from '../search/fingerprint.ts';
import { readJsonFile } from '../files/json-text.ts';
import { fieldName, inputErrorOf } from '../search/space-json.ts';
import type { Pruner } from '../search/pruner.ts';
import { createPruner } from '../search/pruners/registry.ts';
import { checkDatasetSpec } from '../../datasets/registry.ts';
import { tableOptionsShape, type TableOptions } from '../data/table-options.ts';
import { budgetSeconds } from './budget.ts';
import { parseTrialSpace } from './trial-space.ts';

/** Everything that decides a study's results; `study.json` keeps it, so `--resume` reruns the same study. */
export interface SearchSettings extends TableOptions {
  dataset: string;
  label: string;
  imbalance?: Imbalance;
  rounds: number;
  trials: number;
  epochs: number;
  finalEpochs: number;
  /** Networks of the chosen configuration the final model averages, each retrained with its own seed (see `finalTest`). */
  ensemble: number;
  /** How many of the best configurations retrain for `finalEpochs` to check the few-epoch ranking (0: none). */
  recheck: number;
  metric: MetricName;
  seed: number;
  /** Rows of the training split each trial trains on (a stratified subset); all when absent. */
  trialSubset?: number;
  /** Score trials by stratified K-fold cross-validation of their training rows (K folds), instead of the validation split. */
  cv?: number;
  /** The final model's decision rule, fitted on validation (`tuned` maximises `metric`); arg-max when absent. */
  decision?: DecisionRuleName;
  /**
   * Score trials by K-fold CV over the training rows (training and validation split together) and
   * train the final model on all of them, for the folds' best epoch count (scikit-learn's refit).
   * Left out, the data decide (see `fitDefaultsToData`); true or false fixes it.
   */
  refit?: boolean;
  /** With `cv`: deal the folds this many times, each with its own seed (R·K runs a trial). */
  repeats?: number;
  /** How the ranges narrow between rounds (see `narrow`): the search uses these, and the report explains its rounds by them. */
  /** The sampler that plans each round (`--sampler`). */
  sampler: SamplerName;
  /** How the narrowing sampler narrows the ranges between rounds and draws inside them (see `narrowingSampler`). */
  narrowing: Narrowing;
  /** The pruner (see `pruners`): `epochs` is the most a trial trains, `minEpochs` its first rung, `reduction` η. */
  pruner: string;
  minEpochs: number;
  reduction: number;
  /** How long the search may dispatch trials (`45s`, `30m`, `2h`); no limit when absent. Without `rounds` given, rounds go on until it is spent. */
  budget?: string;
  space: Space;
}

/** The narrowing sampler's options, as a study records them. */
// A type, not an interface, so that it is JSON as study.json keeps it.
export type Narrowing = { [K in keyof NarrowingSamplerOptions]-?: NonNullable<NarrowingSamplerOptions[K]> };

/** The settings' keys that a flag of the same name can give. */
export const settingFlags = [
  'dataset', 'label', 'imbalance', 'rounds', 'trials', 'epochs', 'finalEpochs', 'ensemble', 'recheck', 'metric', 'seed', 'trialSubset', 'sampler',
  'pruner', 'minEpochs', 'reduction', 'budget', 'cv', 'refit', 'repeats', 'decision',
  'categorical', 'numeric', 'missingValues', 'maxCategories', 'scaling', 'test',
] as const;

// Successive halving by default: at 20 trials a round, rungs 1, 3 and 9 epochs train 20 + 2·6 + 6·2 = 44
// epochs where every trial training 9 would take 180, and the survivors are ranked on 9 epochs, not 2.
// Trials train on at most 12,000 rows of the training split (all of mnist's 6,400), so a trial costs
// the same on 60,000 images as on 10,000: on Fashion-MNIST's 48,000 training rows the first half of
// a 5-minute budget held a round of 20 trials, 6 of them to the second rung, where all rows held only
// 12 trials' first epochs; both chose the same configuration. The final training uses every row.
// The final model averages 3 networks of the chosen configuration: on Fashion-MNIST three seeds of
// `train`'s default network (20 epochs each) scored 0.9124 on the test split where each alone scored
// 0.898–0.903, and a 5-minute search that kept one network matched one `train` given the same time.
/** What a search takes when neither a flag nor the config file says; `search --help` quotes these. */
export const searchDefaults = {
  label: 'label', rounds: 4, trials: 20, epochs: 9, finalEpochs: 30, ensemble: 3, recheck: 5, metric: 'accuracy', seed: 1, trialSubset: 12_000,
  sampler: defaultSamplerName, narrowing: narrowingSamplerDefaults, minEpochs: 1, reduction: 3,
} as const;

/** The pruner of a study that names none, when its trials may train past their first rung. */
export const defaultPruner = 'halving';

const whole = z.number().int().min(1);
const upTo = (max: number) => whole.max(max);
const fileSchema = z.strictObject({
  dataset: z.string().optional(),
  label: z.string().optional(),
  imbalance: z.string().optional(),
  rounds: upTo(limits.rounds).optional(),
  trials: upTo(limits.trials).optional(),
  epochs: upTo(trainLimits.epochs.max).optional(),
  finalEpochs: upTo(trainLimits.epochs.max).optional(),
  ensemble: upTo(limits.ensemble).optional(),
  recheck: z.number().int().min(0).max(limits.repeats).optional(),
  metric: z.string().refine(isMetricName, { message: `must be one of ${[...metricNames, ...metricForms].join(', ')} (B > 0)` }).transform((m) => m as MetricName).optional(),
  seed: z.number().int().optional(),
  trialSubset: whole.optional(),
  cv: z.number().int().min(2).optional(),
  refit: z.boolean().optional(),
  repeats: whole.optional(),
  decision: z.enum(decisionRuleNames).optional(),
  sampler: z.enum(samplerNames).optional(),
  pruner: z.string().optional(),
  minEpochs: whole.optional(),
  reduction: z.number().optional(),
  budget: z.string().optional(),
  // Each option may be left out: the narrowing sampler's default fills it.
  narrowing: z.strictObject({
    top: z.number().gt(0).max(1).optional(), minTop: whole.optional(), margin: z.number().min(0).optional(),
    minTried: whole.optional(), within: z.enum(['random', 'tpe']).optional(),
  }).optional(),
  ...tableOptionsShape,
  params: z.unknown().optional(),
});

/** Settings as a config file gives them: any subset. */
export type PartialSettings = Partial<SearchSettings>;

/**
 * Reads settings in their JSON form (a `--config` file, or a study's `study.json` config):
 * the flags' names in camelCase and `params`, the space (see `parseTrialSpace`).
 *
 * @example
 * parseSettings({ rounds: 3, params: { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 } } }, 'search.json');
 */
export function parseSettings(json: unknown, where: string): PartialSettings {
  const parsed = fileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw inputErrorOf(parsed.error, where);
  const { params, imbalance, narrowing, ...rest } = parsed.data;
  try {
    if (rest.dataset !== undefined) checkDatasetSpec(rest.dataset);
  } catch (error) {
    throw new InputError(`${fieldName(where, ['dataset'])}: ${(error as Error).message}`);
  }
  let parsedImbalance: Imbalance | undefined;
  try {
    parsedImbalance = imbalance === undefined ? undefined : parseImbalance(imbalance);
  } catch (error) {
    throw new InputError(`${fieldName(where, ['imbalance'])}: ${(error as Error).message}`);
  }
  return {
    ...rest,
    ...(parsedImbalance && { imbalance: parsedImbalance }),
    ...(narrowing && { narrowing: { ...narrowingSamplerDefaults, ...narrowing } as Narrowing }),
    ...(params !== undefined && { space: parseTrialSpace(params, fieldName(where, ['params'])) }),
  };
}

/**
 * Reads a `--config` file. A relative dataset path in it (`csv:data.csv`) is the file's
 * neighbour, as tsconfig's and eslint's paths are: it resolves from the file's folder, not from
 * wherever the command runs.
 *
 * @example
 * readSettingsFile('runs/search.json').dataset; // 'csv:/home/me/runs/data.csv' for "dataset": "csv:data.csv"
 */
export function readSettingsFile(path: string): PartialSettings {
  const settings = parseSettings(readJsonFile(path, 'the config file'), path);
  const dir = dirname(resolve(path));
  return {
    ...settings,
    ...(settings.dataset !== undefined && { dataset: absoluteDatasetSpec(settings.dataset, dir) }),
    ...(settings.test !== undefined && { test: absoluteDatasetSpec(settings.test, dir) }),
  };
}

/**
 * Flags win over the config file, which wins over the defaults; a dataset must come from one
 * of them. The pruner and its options are checked here (see `createPruner`), and the budget;
 * a budget without rounds given plans rounds until it is spent (up to `limits.rounds`);
 * without a pruner named, trials are pruned by successive halving when they may train more
 * than `minEpochs` epochs, else not at all.
 */
export function resolveSettings(flags: PartialSettings, file: PartialSettings): SearchSettings {
  const merged = { ...searchDefaults, space: defaultMlpSpace, ...file, ...flags };
  if (merged.dataset === undefined) throw new InputError('no dataset: give --dataset SPEC or "dataset" in the --config file');
  if (merged.repeats !== undefined && merged.cv === undefined) throw new InputError(`--repeats ${merged.repeats} needs --cv K: it repeats the K folds`);
  const pruner = merged.pruner ?? (merged.epochs > merged.minEpochs ? defaultPruner : 'none');
  // A budget without --rounds: rounds go on until the time is spent (the most rounds a study may have caps them),
  // so a user who gives 5 minutes gets 5 minutes' worth of search; study.json keeps the cap, so --resume goes on the same way.
  const untilBudget = merged.budget !== undefined && flags.rounds === undefined && file.rounds === undefined;
  const settings = { ...merged, dataset: merged.dataset, pruner, ...(untilBudget && { rounds: limits.rounds }) };
  prunerOf(settings);
  if (settings.budget !== undefined) budgetSeconds(settings.budget, '--budget');
  return settings;
}

/**
 * Whether the study's rounds go on until its budget is spent (a budget and no rounds given):
 * its `rounds` is then only the cap, `limits.rounds`.
 */
export const roundsUntilBudget = (s: Pick<SearchSettings, 'budget' | 'rounds'>): boolean =>
  s.budget !== undefined && s.rounds === limits.rounds;

/**
 * The pruner a study's settings name, with its options.
 *
 * @example
 * prunerOf(settings).rungs; // [1, 3, 9] by default
 */
export const prunerOf = (s: Pick<SearchSettings, 'pruner' | 'minEpochs' | 'epochs' | 'reduction'>): Pruner =>
  createPruner(s.pruner, { minEpochs: s.minEpochs, maxEpochs: s.epochs, reduction: s.reduction });

/** The settings' JSON form, as `study.json` keeps them and `parseSettings` reads them back. */
export function settingsJson(settings: SearchSettings): Json {
  const { space, imbalance, trialSubset, ...rest } = settings;
  return {
    ...rest,
    ...(imbalance && { imbalance: imbalanceSpec(imbalance) }),
    ...(trialSubset !== undefined && { trialSubset }),
    params: space,
  };
}
