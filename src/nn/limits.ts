/** The values a numeric training setting may take: an integer or not, and its bounds (inclusive `min` and `max`, exclusive `gt` and `lt`). */
export interface Limit {
  integer?: boolean;
  min?: number;
  max?: number;
  gt?: number;
  lt?: number;
}

/**
 * The limits of the trainer's numeric settings: the one place they are written. The trainer
 * checks its config by them, and the search space checks its ranges by them.
 */
export const trainLimits = {
  // The upper bounds stop typos and attacks at the boundary (`--hidden 99999999999` once failed
  // deep inside a typed array) and are documented in the README.
  epochs: { integer: true, min: 1, max: 100_000 },
  batchSize: { integer: true, min: 1 },
  hiddenUnits: { integer: true, min: 1, max: 16_384 },
  lr: { gt: 0 },
  dropout: { min: 0, lt: 1 },
  l1: { min: 0 },
  l2: { min: 0 },
} as const satisfies Record<string, Limit>;

/**
 * Whether `value` lies within `limit`.
 *
 * @example
 * withinLimit(trainLimits.dropout, 1); // false
 */
export function withinLimit(limit: Limit, value: number): boolean {
  return (!limit.integer || Number.isInteger(value)) && !(limit.min !== undefined && !(value >= limit.min)) && !(limit.max !== undefined && !(value <= limit.max))
    && !(limit.gt !== undefined && !(value > limit.gt)) && !(limit.lt !== undefined && !(value < limit.lt));
}

/**
 * A limit in words, for errors.
 *
 * @example
 * limitText(trainLimits.dropout); // 'in [0, 1)'
 */
export function limitText(limit: Limit): string {
  if (limit.integer) return `an integer >= ${limit.min}${limit.max === undefined ? '' : ` and <= ${limit.max}`}`;
  if (limit.min !== undefined && limit.lt !== undefined) return `in [${limit.min}, ${limit.lt})`;
  return limit.gt !== undefined ? `> ${limit.gt}` : `>= ${limit.min}`;
}
