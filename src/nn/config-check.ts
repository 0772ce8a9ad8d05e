import type { Dataset } from '../data/dataset.ts';
import { limitText, trainLimits, withinLimit, type Limit } from './limits.ts';
import { checkSize } from './network-size.ts';

/** What `checkConfig` reads of a training config (the trainer's `TrainConfig` has these and more). */
export interface CheckedConfig {
  epochs: number;
  batchSize: number | 'full';
  optimizer: { lr: number };
  dropout: number;
  l1: number;
  l2: number;
  hidden: readonly number[];
}

/**
 * Checks a training config against the trainer's limits (a `RangeError` naming the field) and the
 * network against memory (see `checkSize`, an `InputError`), before the trainer allocates anything.
 *
 * @example
 * checkConfig({ train: splits.train }, { ...defaultTrainConfig, dropout: 1 }); // RangeError: train config: dropout must be in [0, 1), got 1
 */
export function checkConfig(data: { train: Dataset }, config: CheckedConfig): void {
  const fail = (field: string, rule: string, value: unknown) => {
    throw new RangeError(`train config: ${field} must be ${rule}, got ${JSON.stringify(value)}`);
  };
  const check = (field: string, limit: Limit, value: number) => withinLimit(limit, value) || fail(field, limitText(limit), value);
  check('epochs', trainLimits.epochs, config.epochs);
  if (config.batchSize !== 'full' && !withinLimit(trainLimits.batchSize, config.batchSize)) {
    fail('batchSize', `${limitText(trainLimits.batchSize)} or "full"`, config.batchSize);
  }
  check('optimizer.lr', trainLimits.lr, config.optimizer.lr);
  check('dropout', trainLimits.dropout, config.dropout);
  check('l1', trainLimits.l1, config.l1);
  check('l2', trainLimits.l2, config.l2);
  if (!config.hidden.every((h) => withinLimit(trainLimits.hiddenUnits, h))) fail('hidden', 'positive integers', config.hidden);
  if (data.train.y.length === 0) fail('training split', 'non-empty', 0);
  checkSize(data.train, config);
}
