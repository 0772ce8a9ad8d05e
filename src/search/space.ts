/** A JSON value: what a `choice` may offer and what a config file or a journal line holds. */
export type Json = number | string | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * When a hyperparameter applies: each named `choice` hyperparameter of the space holds one of
 * the listed values. A sample leaves out a hyperparameter whose condition fails, so a trial
 * never carries a setting it does not use (SMOTE's k when the strategy is focal loss).
 *
 * @example
 * const k: IntRange = { kind: 'int', low: 1, high: 10, when: { strategy: ['smote', 'smote+focal'] } };
 */
export type Condition = { readonly [name: string]: Json[] };

/** A real number drawn uniformly in [low, high]. */
export type Uniform = {
  readonly kind: 'uniform';
  readonly low: number;
  readonly high: number;
  readonly when?: Condition;
};

/** A positive real number whose logarithm is uniform in [log low, log high]: for rates and penalties. */
export type LogUniform = {
  readonly kind: 'loguniform';
  readonly low: number;
  readonly high: number;
  readonly when?: Condition;
};

/** An integer in [low, high], uniform or (with `log`) log-uniform. */
export type IntRange = {
  readonly kind: 'int';
  readonly low: number;
  readonly high: number;
  readonly log?: boolean;
  readonly when?: Condition;
};

/** One of a list of values, each equally likely. */
export type Choice = {
  readonly kind: 'choice';
  readonly values: readonly Json[];
  readonly when?: Condition;
};

/** One hyperparameter's range; `kind` names how it is sampled and narrowed. */
export type Hyperparameter = Uniform | LogUniform | IntRange | Choice;
export type NumericHyperparameter = Uniform | LogUniform | IntRange;

/** The kinds a space may use, for config files and error messages. */
export const kindNames = ['uniform', 'loguniform', 'int', 'choice'] as const;

/**
 * Step 0 of the search: a range for each hyperparameter, by name.
 *
 * @example
 * const space: Space = { lr: { kind: 'loguniform', low: 1e-4, high: 1e-1 }, layers: { kind: 'choice', values: [1, 2] } };
 */
export type Space = { readonly [name: string]: Hyperparameter };

/** One point of a space: a value for each hyperparameter. */
export type Params = { readonly [name: string]: Json };

/**
 * Whether a hyperparameter is sampled on a log scale. Sampling and narrowing both work in
 * this scale, so a range of 1e-6..1e-1 is split by orders of magnitude, not mostly near 0.1.
 */
export const isLog = (hp: NumericHyperparameter): boolean => hp.kind === 'loguniform' || (hp.kind === 'int' && hp.log === true);

/** Maps a value into the hyperparameter's sampling scale (its logarithm for log kinds). */
export const toScale = (hp: NumericHyperparameter, value: number): number => (isLog(hp) ? Math.log(value) : value);

/** The inverse of `toScale`. */
export const fromScale = (hp: NumericHyperparameter, position: number): number => (isLog(hp) ? Math.exp(position) : position);

/**
 * A text that is equal for equal JSON values whatever the order of their object keys:
 * the identity of a value in a choice and of a configuration in a study.
 *
 * @example
 * canonical({ b: 1, a: [2] }) === canonical({ a: [2], b: 1 }); // true
 */
export function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, Json>)[key]!)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether a hyperparameter applies to a sample: every choice its condition names holds one of
 * the listed values (a hyperparameter without a condition always applies).
 *
 * @example
 * isActive({ kind: 'int', low: 1, high: 9, when: { strategy: ['smote'] } }, { strategy: 'focal' }); // false
 */
export function isActive(hp: Hyperparameter, params: Params): boolean {
  return Object.entries(hp.when ?? {}).every(([name, values]) =>
    Object.hasOwn(params, name) && values.some((v) => canonical(v) === canonical(params[name]!)));
}

/**
 * Whether `value` lies in the hyperparameter's range.
 *
 * @example
 * contains({ kind: 'int', low: 1, high: 3 }, 2.5); // false: not an integer
 */
export function contains(hp: Hyperparameter, value: Json): boolean {
  if (hp.kind === 'choice') return hp.values.some((v) => canonical(v) === canonical(value));
  if (typeof value !== 'number' || !(value >= hp.low && value <= hp.high)) return false;
  return hp.kind !== 'int' || Number.isInteger(value);
}
