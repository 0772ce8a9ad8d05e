import type { Train } from './nn/trainer.ts';

/**
 * A data strategy wraps the trainer: it may resample the training split, swap the loss,
 * or train several models, and returns a trainer of the same type, so strategies compose.
 * The core never imports one; `strategies/` registers them.
 *
 * @example
 * const smoteThenFocal: Strategy = (train) => focal(smote(train));
 */
export type Strategy = (train: Train) => Train;
