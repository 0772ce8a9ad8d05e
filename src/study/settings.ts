import { z } from 'zod';
import { imbalanceSpec, parseImbalance, type Imbalance } from '../data/imbalance.ts';
import { InputError } from '../errors.ts';
import { limits } from '../limits.ts';
import { trainLimits } from '../nn/limits.ts';
import { metricNames, type MetricName } from '../metrics/registry.ts';
import { defaultMlpSpace } from '../search/mlp-space.ts';
import { narrowDefaults } from '../search/narrowing.ts';
import type { Json, Space } from '../search/space.ts';
import { readJsonFile } from '../search/json-text.ts';
import { fieldName, inputErrorOf } from '../search/space-json.ts';
import { parseTrialSpace } from './trial-space.ts';

/** Everything that decides a study's results; `study.json` keeps it, so `--resume` reruns the same study. */
export interface SearchSettings {
  dataset: string;
  label: string;
  imbalance?: Imbalance;
  rounds: number;
  trials: number;
  epochs: number;
  finalEpochs: number;
  /** How many of the best configurations retrain for `finalEpochs` to check the few-epoch ranking (0: none). */
  recheck: number;
  metric: MetricName;
  seed: number;
  /** Rows of the training split each trial trains on (a stratified subset); all when absent. */
  trialSubset?: number;
  /** How the ranges narrow between rounds (see `narrow`): the search uses these, and the report explains its rounds by them. */
  narrowing: Narrowing;
  space: Space;
}

/** The narrowing rule's numbers, as a study records them. */
// A type, not an interface, so that it is JSON as study.json keeps it.
export type Narrowing = { top: number; minTop: number; margin: number };

/** The settings' keys that a flag of the same name can give. */
export const settingFlags = ['dataset', 'label', 'imbalance', 'rounds', 'trials', 'epochs', 'finalEpochs', 'recheck', 'metric', 'seed', 'trialSubset'] as const;

const defaults = { label: 'label', rounds: 4, trials: 20, epochs: 2, finalEpochs: 10, recheck: 5, metric: 'accuracy', seed: 1, narrowing: narrowDefaults } as const;

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
  recheck: z.number().int().min(0).max(limits.repeats).optional(),
  metric: z.enum(metricNames).optional(),
  seed: z.number().int().optional(),
  trialSubset: whole.optional(),
  narrowing: z.strictObject({ top: z.number().gt(0).max(1), minTop: whole, margin: z.number().min(0) }).optional(),
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
  const { params, imbalance, ...rest } = parsed.data;
  let parsedImbalance: Imbalance | undefined;
  try {
    parsedImbalance = imbalance === undefined ? undefined : parseImbalance(imbalance);
  } catch (error) {
    throw new InputError(`${fieldName(where, ['imbalance'])}: ${(error as Error).message}`);
  }
  return {
    ...rest,
    ...(parsedImbalance && { imbalance: parsedImbalance }),
    ...(params !== undefined && { space: parseTrialSpace(params, fieldName(where, ['params'])) }),
  };
}

/** Reads a `--config` file. */
export function readSettingsFile(path: string): PartialSettings {
  return parseSettings(readJsonFile(path, 'the config file'), path);
}

/** Flags win over the config file, which wins over the defaults; a dataset must come from one of them. */
export function resolveSettings(flags: PartialSettings, file: PartialSettings): SearchSettings {
  const merged = { ...defaults, space: defaultMlpSpace, ...file, ...flags };
  if (merged.dataset === undefined) throw new InputError('no dataset: give --dataset SPEC or "dataset" in the --config file');
  return { ...merged, dataset: merged.dataset };
}

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
