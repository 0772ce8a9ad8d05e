import { InvalidArgumentError } from 'commander';
import { isMetricName, metricForms, metricNames, type MetricName } from '../metrics/registry.ts';
import { decimalNumber } from '../decimal.ts';
import { limits } from '../limits.ts';
import { workerLimit } from '../worker-limit.ts';
import { trainLimits, withinLimit } from '../nn/limits.ts';
import { activationNames, type ActivationName } from '../nn/layers/activation.ts';
import { initializer, initializerNames } from '../nn/init.ts';
import { isOptimizerName, optimizerNames, type OptimizerName } from '../nn/optimizers/registry.ts';
import { isSamplerName, samplerNames, type SamplerName } from '../search/samplers/registry.ts';

// Parsers for command-line values. Each throws commander's InvalidArgumentError, which
// commander turns into one line naming the option and the value. Numbers are read by
// `decimalNumber`: a blank or `0x10` is refused, not read as 0 or 16.

/**
 * A path option's value, refused when blank: `compare --out ""` trained every run, then failed at
 * the write with "no such file or directory (ENOENT)", naming no path.
 *
 * @example
 * pathValue(''); // throws "must be a path, not empty"
 */
export function pathValue(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must be a path, not empty');
  return value;
}

export function positiveNumber(value: string): number {
  const n = decimalNumber(value);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError('must be a number > 0');
  return n;
}

/**
 * A parser of numbers in (0, max]: a timeout beyond Node's timer range (about 24.8 days) would
 * fire at once instead of never.
 *
 * @example
 * positiveUpTo(86_399)('1e308'); // throws "must be a number > 0 and <= 86399"
 */
export function positiveUpTo(max: number): (value: string) => number {
  return (value) => {
    const n = decimalNumber(value);
    if (!(Number.isFinite(n) && n > 0 && n <= max)) throw new InvalidArgumentError(`must be a number > 0 and <= ${max}`);
    return n;
  };
}

export function nonNegativeNumber(value: string): number {
  const n = decimalNumber(value);
  if (!(Number.isFinite(n) && n >= 0)) throw new InvalidArgumentError('must be a number >= 0');
  return n;
}

export function positiveInt(value: string): number {
  const n = decimalNumber(value);
  if (!(Number.isInteger(n) && n >= 1)) throw new InvalidArgumentError('must be an integer >= 1');
  return n;
}

/**
 * A parser of integers from `min` to `max` (a documented upper bound, see `limits`).
 *
 * @example
 * intFrom(1, 256)('300'); // throws "must be an integer >= 1 and <= 256"
 */
export function intFrom(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = decimalNumber(value);
    if (!(Number.isInteger(n) && n >= min && n <= max)) throw new InvalidArgumentError(`must be an integer >= ${min} and <= ${max}`);
    return n;
  };
}

/**
 * A `--workers` or `--concurrency` value: an integer from 1 to what this machine holds (see
 * `workerLimit`), the rule named in the error.
 *
 * @example
 * workerCount('256'); // on 2 cores throws "must be an integer >= 1 and <= 8 on this machine (4 a core, at least 8, …)"
 */
export function workerCount(value: string): number {
  const { max, rule } = workerLimit();
  const n = decimalNumber(value);
  if (!(Number.isInteger(n) && n >= 1 && n <= max)) throw new InvalidArgumentError(`must be an integer >= 1 and <= ${max} on this machine (${rule})`);
  return n;
}

export function integer(value: string): number {
  const n = decimalNumber(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
}

export function rate(value: string): number {
  const n = decimalNumber(value);
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError('must be a number in [0, 1)');
  return n;
}

export function batchSize(value: string): number | 'full' {
  if (value === 'full') return 'full';
  const n = decimalNumber(value);
  if (!(Number.isInteger(n) && n >= 1)) throw new InvalidArgumentError('must be an integer >= 1, or "full" for batch gradient descent');
  return n;
}

/**
 * A `--hidden` value: comma-separated layer sizes, or `none` for no hidden layer. An empty value
 * or an empty item (`""`, `,`, `10,,10`) is refused: `Number('')` is 0 and a blank once trained
 * without a hidden layer, silently.
 *
 * @example
 * hiddenLayers('256,128'); // [256, 128]
 */
export function hiddenLayers(value: string): number[] {
  if (value === 'none') return [];
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new InvalidArgumentError('must not hold an empty layer size; give sizes such as 256,128 (or none for no hidden layer)');
  }
  const units = items.map(decimalNumber);
  if (units.some((u) => !withinLimit(trainLimits.hiddenUnits, u)) || units.length > limits.hiddenLayers) {
    throw new InvalidArgumentError(`must be a comma-separated list of at most ${limits.hiddenLayers} integers from 1 to ${trainLimits.hiddenUnits.max}, such as 256,128`);
  }
  return units;
}

export function activationName(value: string): ActivationName {
  if (!(activationNames as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${activationNames.join(', ')}`);
  }
  return value as ActivationName;
}

export function optimizerName(value: string): OptimizerName {
  if (!isOptimizerName(value)) throw new InvalidArgumentError(`must be one of ${optimizerNames.join(', ')}`);
  return value;
}

export function initializerSpec(value: string): string {
  try {
    initializer(value);
  } catch {
    throw new InvalidArgumentError(`must be one of ${initializerNames.join(', ')}`);
  }
  return value;
}

/** A metric name: registered, or `f1:CLASS`, `recall:CLASS`, `fbeta:B`. */
export function metricName(value: string): MetricName {
  if (!isMetricName(value)) throw new InvalidArgumentError(`must be one of ${[...metricNames, ...metricForms].join(', ')} (B > 0)`);
  return value;
}

/** A fold count for `--cv`: an integer >= 2. */
export function foldCount(value: string): number {
  const n = decimalNumber(value);
  if (!(Number.isInteger(n) && n >= 2)) throw new InvalidArgumentError('must be an integer >= 2');
  return n;
}

/** A `--sampler` value: a name in the sampler registry, else an error listing them. */
export function samplerName(value: string): SamplerName {
  if (!isSamplerName(value)) throw new InvalidArgumentError(`must be one of the samplers: ${samplerNames.join(', ')}`);
  return value;
}
