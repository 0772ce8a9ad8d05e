import { z } from 'zod';
import { InputError } from '../errors.ts';
import { initializer, initializerNames } from '../nn/init.ts';
import { activationNames, type ActivationName } from '../nn/layers/activation.ts';
import { limitText, trainLimits, type Limit } from '../nn/limits.ts';
import { optimizerNames, type OptimizerName } from '../nn/optimizers/registry.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import { parseSpace, inputErrorOf } from './space-json.ts';
import type { Hyperparameter, Json, Params, Space } from './space.ts';
import { limits } from '../limits.ts';

type Kind = Hyperparameter['kind'];

/** One tunable setting of the MLP: the kinds its range may take, what a value must be, and where it goes. */
interface MlpParameter {
  kinds: readonly Kind[];
  value: z.ZodType;
  apply(config: TrainConfig, value: Json): TrainConfig;
}

const numeric: readonly Kind[] = ['uniform', 'loguniform', 'choice'];

/** A number within a trainer limit, as zod checks it (its messages name the bound). */
function limited(limit: Limit): z.ZodNumber {
  let schema = limit.integer ? z.number().int() : z.number();
  if (limit.min !== undefined) schema = schema.min(limit.min);
  if (limit.max !== undefined) schema = schema.max(limit.max);
  if (limit.gt !== undefined) schema = schema.gt(limit.gt);
  if (limit.lt !== undefined) schema = schema.lt(limit.lt);
  return schema;
}

const oneOf = (what: string, names: readonly string[]) =>
  z.string().refine((v) => names.includes(v), { error: (issue) => `unknown ${what} ${JSON.stringify(issue.input)}; expected one of ${names.join(', ')}` });

const parameters: Record<string, MlpParameter> = {
  lr: { kinds: numeric, value: limited(trainLimits.lr), apply: (c, v) => ({ ...c, optimizer: { ...c.optimizer, lr: v as number } }) },
  l1: { kinds: numeric, value: limited(trainLimits.l1), apply: (c, v) => ({ ...c, l1: v as number }) },
  l2: { kinds: numeric, value: limited(trainLimits.l2), apply: (c, v) => ({ ...c, l2: v as number }) },
  dropout: { kinds: ['uniform', 'choice'], value: limited(trainLimits.dropout), apply: (c, v) => ({ ...c, dropout: v as number }) },
  hidden: { kinds: ['choice'], value: z.array(limited(trainLimits.hiddenUnits)).min(1, { error: 'an empty list would train no hidden layer; give at least one layer size' }).max(limits.hiddenLayers), apply: (c, v) => ({ ...c, hidden: v as number[] }) },
  batchSize: {
    kinds: ['int', 'choice'],
    value: z.union([limited(trainLimits.batchSize), z.literal('full')], { error: `must be ${limitText(trainLimits.batchSize)} or "full"` }),
    apply: (c, v) => ({ ...c, batchSize: v as number | 'full' }),
  },
  optimizer: { kinds: ['choice'], value: oneOf('optimizer', optimizerNames), apply: (c, v) => ({ ...c, optimizer: { ...c.optimizer, name: v as OptimizerName } }) },
  init: {
    kinds: ['choice'],
    value: z.string().refine((v) => { try { initializer(v); return true; } catch { return false; } },
      { error: (issue) => `unknown initialiser ${JSON.stringify(issue.input)}; expected one of ${initializerNames.join(', ')}` }),
    apply: (c, v) => ({ ...c, init: v as string }),
  },
  activation: { kinds: ['choice'], value: oneOf('activation', activationNames), apply: (c, v) => ({ ...c, activation: v as ActivationName }) },
  batchnorm: { kinds: ['choice'], value: z.boolean(), apply: (c, v) => ({ ...c, batchnorm: v as boolean }) },
};

/** The MLP hyperparameters a space may name. */
export const mlpParameterNames = Object.keys(parameters);

/**
 * The default MLP space: the lecture's step 0 for the trainer. Learning rate and L2 on a
 * log scale; dropout uniform; the rest choices. Every other setting keeps the trainer's default.
 * Widths reach the several hundred units, in two or three layers, that win on 60,000-image
 * data; the pruner, not the space, keeps them affordable, stopping most trials after an epoch.
 * Learning rates from 1e-5: on Fashion-MNIST the first round's trials below it scored 0.16-0.34
 * after an epoch (the best 0.82), and a budget of a few minutes has no rounds to spare to narrow them away.
 */
export const defaultMlpSpace: Space = {
  lr: { kind: 'loguniform', low: 1e-5, high: 1e-1 },
  l2: { kind: 'loguniform', low: 1e-8, high: 1e-2 },
  hidden: { kind: 'choice', values: [[128], [256], [256, 128], [512, 256], [512, 512], [512, 256, 128]] },
  batchSize: { kind: 'choice', values: [64, 128, 256] },
  optimizer: { kind: 'choice', values: ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'] },
  init: { kind: 'choice', values: ['he', 'xavier', 'normal:0.01'] },
  dropout: { kind: 'uniform', low: 0, high: 0.5 },
  batchnorm: { kind: 'choice', values: [false, true] },
};

/**
 * Whether `name` is an MLP hyperparameter a space may name.
 *
 * @example
 * isMlpParameter('lr'); // true
 */
export const isMlpParameter = (name: string): boolean => Object.hasOwn(parameters, name);

/**
 * Checks one range of a space as the MLP setting `name`: its kind suits the setting, and its
 * bounds or choices are values the setting can take. `field` names it in errors.
 *
 * @example
 * checkMlpParameter('dropout', { kind: 'uniform', low: 0, high: 1 }, 'search.json: params.dropout'); // throws: high must be < 1
 */
export function checkMlpParameter(name: string, hp: Hyperparameter, field: string): void {
  const parameter = parameters[name]!;
  if (!parameter.kinds.includes(hp.kind)) {
    throw new InputError(`${field}.kind: ${name} takes kind ${parameter.kinds.join(' or ')}, but got "${hp.kind}"`);
  }
  const values: [string, Json][] = hp.kind === 'choice'
    ? hp.values.map((v, i) => [`values[${i}]`, v])
    : [['low', hp.low], ['high', hp.high]];
  for (const [at, value] of values) {
    const parsed = parameter.value.safeParse(value, { reportInput: true });
    if (!parsed.success) throw inputErrorOf(parsed.error, `${field}.${at}`);
  }
}

/**
 * Reads an MLP space from its JSON form (see `parseSpace`), also checking that each name is an
 * MLP hyperparameter, its kind suits it, and its bounds or choices are values it can take.
 *
 * @example
 * parseMlpSpace({ optimizer: { kind: 'choice', values: ['adam', 'sgd'] } }, 'search.json: params');
 */
export function parseMlpSpace(json: unknown, where: string): Space {
  const space = parseSpace(json, where);
  for (const [name, hp] of Object.entries(space)) {
    const field = `${where}.${name}`;
    if (!isMlpParameter(name)) throw new InputError(`${field}: unknown hyperparameter "${name}"; expected one of ${mlpParameterNames.join(', ')}`);
    checkMlpParameter(name, hp, field);
  }
  return space;
}

/**
 * The trainer's config for a trial: `base` with each sampled parameter applied.
 *
 * @example
 * trainConfigOf({ lr: 0.01, optimizer: 'sgd' }, defaultTrainConfig).optimizer; // { name: 'sgd', lr: 0.01 }
 */
export function trainConfigOf(params: Params, base: TrainConfig): TrainConfig {
  return Object.entries(params).reduce((config, [name, value]) => parameters[name]!.apply(config, value), base);
}
