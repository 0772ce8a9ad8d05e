import { decimalNumber, InputError } from '../src/plugin.ts';

/** The raw `key=value` options of one strategy in a spec. */
export type RawOptions = Record<string, string>;

/**
 * Splits one part of a strategy spec, `name` or `name:key=value,key=value`.
 *
 * @example
 * parseSpecPart('smote:k=3,ratio=0.5'); // { name: 'smote', options: { k: '3', ratio: '0.5' } }
 */
export function parseSpecPart(part: string): { name: string; options: RawOptions } {
  const colon = part.indexOf(':');
  const name = (colon < 0 ? part : part.slice(0, colon)).trim();
  // Without a prototype, an option named "__proto__" is an own key like any other (and so refused as unknown).
  const options: RawOptions = Object.create(null) as RawOptions;
  if (colon < 0) return { name, options };
  for (const pair of part.slice(colon + 1).split(',')) {
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    if (eq < 0 || key === '') throw new InputError(`strategy "${name}": options are key=value pairs separated by commas, got "${pair}"`);
    if (Object.hasOwn(options, key)) throw new InputError(`strategy "${name}": option ${key} is given twice`);
    options[key] = pair.slice(eq + 1).trim();
  }
  return { name, options };
}

/** Turns the text of each option into its value; a parser throws an InputError naming the rule. */
export type OptionParsers<O> = { [K in keyof O]-?: (text: string, strategy: string, key: string) => Exclude<O[K], undefined> };

/**
 * Parses raw options with one parser per allowed key; an unknown key lists the allowed ones.
 *
 * @example
 * parseOptions('smote', { k: '3' }, { k: numberText, ratio: numberText }); // { k: 3 }
 */
export function parseOptions<O>(strategy: string, raw: RawOptions, parsers: OptionParsers<O>): Partial<O> {
  const allowed = Object.keys(parsers);
  const out: Partial<O> = {};
  for (const [key, text] of Object.entries(raw)) {
    if (!allowed.includes(key)) {
      const known = allowed.length === 0 ? 'it takes no options' : `allowed: ${allowed.join(', ')}`;
      throw new InputError(`strategy "${strategy}": unknown option "${key}"; ${known}`);
    }
    const k = key as keyof O;
    out[k] = parsers[k](text, strategy, key);
  }
  return out;
}

/**
 * A number written in an option (its range is checked by the strategy's factory).
 *
 * @example
 * numberText('0.5', 'smote', 'ratio'); // 0.5
 */
export function numberText(text: string, strategy: string, key: string): number {
  const n = decimalNumber(text);
  if (!Number.isFinite(n)) throw new InputError(`strategy "${strategy}": option ${key} must be a number, got "${text}"`);
  return n;
}

/**
 * `true` or `false` written in an option.
 *
 * @example
 * booleanText('true', 'focal', 'prior'); // true
 */
export function booleanText(text: string, strategy: string, key: string): boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  throw new InputError(`strategy "${strategy}": option ${key} must be true or false, got "${text}"`);
}

/** Models a bagging strategy trains at most (each a full training: more is a typo, and would train for days). */
export const maxBagging = 100;
/** Neighbours (k, m) a SMOTE-family strategy looks at most. */
export const maxNeighbours = 1_000;

/**
 * Checks an integer option: the rule, the value and the strategy in the message.
 *
 * @example
 * integerAtLeast('smote', 'k', 0, 1); // throws "smote: k must be an integer >= 1, got 0"
 * integerAtLeast('bootstrap', 'bagging', 1e9, 1, 100); // throws "bootstrap: bagging must be an integer <= 100, got 1000000000"
 */
export function integerAtLeast(strategy: string, key: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!(Number.isInteger(value) && value >= min)) throw new InputError(`${strategy}: ${key} must be an integer >= ${min}, got ${value}`);
  if (value > max) throw new InputError(`${strategy}: ${key} must be an integer <= ${max}, got ${value}`);
  return value;
}

/**
 * Checks a ratio option, the smallest class over the largest after resampling: in (0, 1].
 *
 * @example
 * ratioInRange('smote', 0.5); // 0.5
 */
export function ratioInRange(strategy: string, value: number): number {
  if (!(value > 0 && value <= 1)) throw new InputError(`${strategy}: ratio must be in (0, 1] (smallest / largest class after resampling), got ${value}`);
  return value;
}
