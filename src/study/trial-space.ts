import { resolveStrategy } from '../../strategies/registry.ts';
import { isStrategyParameter, splitStrategy, strategyParameterNames, withStrategyConditions } from '../../strategies/search-space.ts';
import { InputError } from '../errors.ts';
import { train as plainTrain, type Train } from '../nn/trainer.ts';
import { checkMlpParameter, isMlpParameter, mlpParameterNames } from '../search/mlp-space.ts';
import { parseSpace } from '../search/space-json.ts';
import type { Params, Space } from '../search/space.ts';

/**
 * Reads the space of a search's trials: the MLP's hyperparameters (see `parseMlpSpace`) and
 * the data strategy's, `strategy` and `NAME.OPTION` (see `withStrategyConditions`).
 *
 * @example
 * parseTrialSpace({ strategy: { kind: 'choice', values: ['none', 'smote'] }, 'smote.k': { kind: 'int', low: 1, high: 9 },
 *   lr: { kind: 'loguniform', low: 1e-4, high: 0.1 } }, 'search.json: params');
 */
export function parseTrialSpace(json: unknown, where: string): Space {
  const space = parseSpace(json, where);
  for (const [name, hp] of Object.entries(space)) {
    const field = `${where}.${name}`;
    if (isMlpParameter(name)) checkMlpParameter(name, hp, field);
    else if (!isStrategyParameter(name)) {
      throw new InputError(`${field}: unknown hyperparameter "${name}"; expected one of ${[...mlpParameterNames, ...strategyParameterNames].join(', ')}`);
    }
  }
  return withStrategyConditions(space, where);
}

/** What a trial's parameters train with: its strategy's spec, the trainer that strategy wraps, and the MLP's parameters. */
export interface TrialSetup {
  spec: string;
  train: Train;
  mlp: Params;
}

/**
 * A trial's trainer from its parameters: the plain trainer wrapped by the chosen strategy
 * (with its searched options), and the parameters left for the MLP (see `trainConfigOf`).
 *
 * @example
 * const { spec, train, mlp } = trialSetup({ strategy: 'smote', 'smote.k': 3, lr: 0.01 }); // spec 'smote:k=3', mlp { lr: 0.01 }
 */
export function trialSetup(params: Params): TrialSetup {
  const { spec, rest } = splitStrategy(params);
  return { spec, train: resolveStrategy(spec)(plainTrain), mlp: rest };
}
