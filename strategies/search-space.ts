// The data strategy as dimensions of a search space: `strategy`, a choice of specs, and
// `NAME.OPTION` ranges for the options of the strategies it offers (SMOTE's k, focal's γ…).

import { canonical, InputError, type Hyperparameter, type Json, type Params, type Space } from '../src/plugin.ts';
import { parseSpecPart } from './options.ts';
import { resolveStrategy, strategyEntries, type SearchKind } from './registry.ts';

/** The hyperparameter that chooses a trial's strategy: a choice of specs such as `none`, `smote`, `smote+focal`. */
export const strategyParameter = 'strategy';

const kindsOf: Record<SearchKind, readonly Hyperparameter['kind'][]> = {
  int: ['int', 'choice'],
  real: ['uniform', 'loguniform', 'choice'],
  choice: ['choice'],
};

/** Every name a space may give a strategy setting: `strategy`, then `NAME.OPTION` for each searchable option. */
export const strategyParameterNames: readonly string[] = [
  strategyParameter,
  ...strategyEntries.flatMap((entry) => Object.keys(entry.searchable).map((option) => `${entry.name}.${option}`)),
];

/**
 * Whether `name` is a strategy setting of a space (see `strategyParameterNames`).
 *
 * @example
 * isStrategyParameter('smote.k'); // true
 */
export const isStrategyParameter = (name: string): boolean => strategyParameterNames.includes(name);

const optionText = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));
const partsOf = (spec: string) => spec.split('+').map(parseSpecPart);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function checkStrategies(hp: Hyperparameter, field: string): string[] {
  if (hp.kind !== 'choice') throw new InputError(`${field}.kind: ${strategyParameter} takes kind choice, but got "${hp.kind}"`);
  return hp.values.map((value, i) => {
    if (typeof value !== 'string') throw new InputError(`${field}.values[${i}]: a strategy is a spec such as "smote:k=3+focal", but got ${JSON.stringify(value)}`);
    try {
      resolveStrategy(value);
    } catch (error) {
      throw new InputError(`${field}.values[${i}]: ${messageOf(error)}`);
    }
    return value;
  });
}

/** Checks a `NAME.OPTION` range against the strategy's rules, and gives it its condition: the specs that use NAME. */
function optionRange(name: string, hp: Hyperparameter, specs: readonly string[], field: string): Hyperparameter {
  const [strategy, option] = name.split('.') as [string, string];
  const entry = strategyEntries.find((e) => e.name === strategy)!;
  const kinds = kindsOf[entry.searchable[option]!];
  if (!kinds.includes(hp.kind)) throw new InputError(`${field}.kind: ${name} takes kind ${kinds.join(' or ')}, but got "${hp.kind}"`);
  // The strategy's own checks judge the bounds: a range between two valid values holds only valid ones.
  const values: [string, Json][] = hp.kind === 'choice' ? hp.values.map((v, i) => [`values[${i}]`, v]) : [['low', hp.low], ['high', hp.high]];
  for (const [at, value] of values) {
    if (!['number', 'string', 'boolean'].includes(typeof value)) {
      throw new InputError(`${field}.${at}: an option is a number, a string or a boolean, but got ${JSON.stringify(value)}`);
    }
    try {
      entry.strategy({ [option]: optionText(value) });
    } catch (error) {
      throw new InputError(`${field}.${at}: ${messageOf(error)}`);
    }
  }
  const users = specs.filter((spec) => partsOf(spec).some((part) => part.name === strategy));
  if (users.length === 0) {
    throw new InputError(`${field}: no value of ${strategyParameter} uses ${strategy}, so ${name} would never apply; ${strategyParameter} offers ${JSON.stringify(specs)}`);
  }
  const fixed = users.find((spec) => partsOf(spec).some((part) => part.name === strategy && Object.hasOwn(part.options, option)));
  if (fixed) throw new InputError(`${field}: the strategy "${fixed}" sets ${option} itself; search ${name} or fix it in the spec, not both`);
  const when = { [strategyParameter]: users };
  if (hp.when && canonical(hp.when) !== canonical(when)) {
    throw new InputError(`${field}.when: ${name} applies exactly when the strategy uses ${strategy}, ${JSON.stringify(when)}; give that or leave "when" out, but got ${JSON.stringify(hp.when)}`);
  }
  return { ...hp, when };
}

/**
 * Checks the strategy settings of a space that `parseSpace` read, and gives each `NAME.OPTION`
 * its condition: it applies to a trial whose chosen strategy has a NAME part. `strategy`
 * must be a choice of specs that `resolveStrategy` accepts; an option is ranged by the kinds
 * its strategy allows (`SearchKind`) within the values the strategy accepts, and may not also
 * be fixed in a spec of the choice. A space without strategy settings is returned as it is.
 *
 * @example
 * withStrategyConditions({ strategy: { kind: 'choice', values: ['none', 'smote'] }, 'smote.k': { kind: 'int', low: 1, high: 9 } }, 'search.json: params');
 * // 'smote.k' gains when: { strategy: ['smote'] }
 */
export function withStrategyConditions(space: Space, where: string): Space {
  const named = Object.keys(space).filter(isStrategyParameter);
  if (named.length === 0) return space;
  const choice = Object.hasOwn(space, strategyParameter) ? space[strategyParameter] : undefined;
  if (!choice) throw new InputError(`${where}.${named[0]}: a strategy option needs "${strategyParameter}", a choice of strategies, in the space`);
  const specs = checkStrategies(choice, `${where}.${strategyParameter}`);
  return Object.fromEntries(Object.entries(space).map(([name, hp]) => [
    name,
    name === strategyParameter || !isStrategyParameter(name) ? hp : optionRange(name, hp, specs, `${where}.${name}`),
  ]));
}

/**
 * A trial's strategy spec and its other parameters: the chosen `strategy` with each
 * `NAME.OPTION` the trial carries added to its NAME part; `none` without a `strategy`.
 *
 * @example
 * splitStrategy({ strategy: 'smote+focal', 'smote.k': 3, 'focal.gamma': 1.5, lr: 0.01 });
 * // { spec: 'smote:k=3+focal:gamma=1.5', rest: { lr: 0.01 } }
 */
export function splitStrategy(params: Params): { spec: string; rest: Params } {
  const rest = Object.fromEntries(Object.entries(params).filter(([name]) => !isStrategyParameter(name)));
  const chosen = params[strategyParameter];
  if (typeof chosen !== 'string') return { spec: 'none', rest };
  const spec = partsOf(chosen).map(({ name, options }) => {
    const searched = Object.entries(params).filter(([key]) => key.startsWith(`${name}.`)).map(([key, v]) => [key.slice(name.length + 1), optionText(v)]);
    const all = [...Object.entries(options), ...searched];
    return all.length === 0 ? name : `${name}:${all.map(([key, v]) => `${key}=${v}`).join(',')}`;
  }).join('+');
  return { spec, rest };
}
