/** The values a numeric training setting may take: an integer or not, and its bounds (inclusive `min`, exclusive `gt` and `lt`). */
export interface Limit {
  integer?: boolean;
  min?: number;
  gt?: number;
  lt?: number;
}

/**
 * The limits of the trainer's numeric settings: the one place they are written. The trainer
 * checks its config by them, and the search space checks its ranges by them.
 */
export const trainLimits = {
  epochs: { integer: true, min: 1 },
  batchSize: { integer: true, min: 1 },
  hiddenUnits: { integer: true, min: 1 },
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
  return (!limit.integer || Number.isInteger(value)) && !(limit.min !== undefined && !(value >= limit.min))
    && !(limit.gt !== undefined && !(value > limit.gt)) && !(limit.lt !== undefined && !(value < limit.lt));
}

/**
 * A limit in words, for errors.
 *
 * @example
 * limitText(trainLimits.dropout); // 'in [0, 1)'
 */
export function limitText(limit: Limit): string {
  if (limit.integer) return `an integer >= ${limit.min}`;
  if (limit.min !== undefined && limit.lt !== undefined) return `in [${limit.min}, ${limit.lt})`;
  return limit.gt !== undefined ? `> ${limit.gt}` : `>= ${limit.min}`;
}
