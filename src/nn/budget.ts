import type { Train, TrainConfig } from './trainer.ts';

/** How a comparison holds training equal: the same epochs, or the same optimizer steps. */
export type BudgetBy = 'epochs' | 'steps';

/** The budgets a comparison can hold equal. */
export const budgetKinds: readonly BudgetBy[] = ['epochs', 'steps'];

/** Optimizer steps of one epoch over `rows` examples (the last batch may be short). */
export function stepsPerEpoch(rows: number, batchSize: TrainConfig['batchSize']): number {
  return batchSize === 'full' ? 1 : Math.ceil(rows / batchSize);
}

/**
 * The optimizer steps `config` takes on `rows` examples: its epochs times the steps of one,
 * or its `maxSteps` if that comes first.
 *
 * @example
 * trainingSteps({ ...defaultTrainConfig, epochs: 5, batchSize: 128 }, 1591); // 65
 */
export function trainingSteps(config: TrainConfig, rows: number): number {
  return Math.min(config.epochs * stepsPerEpoch(rows, config.batchSize), config.maxSteps ?? Infinity);
}

/**
 * `config` changed to stop after exactly `steps` optimizer steps on `rows` examples, however many
 * epochs (the last maybe partial) that takes: a resampler that quadruples the training split
 * then trains a quarter of the epochs, not four times the updates.
 *
 * @example
 * withStepBudget(config, 6410, 65); // { ...config, epochs: 2, maxSteps: 65 }
 */
export function withStepBudget(config: TrainConfig, rows: number, steps: number): TrainConfig {
  return { ...config, epochs: Math.max(1, Math.ceil(steps / stepsPerEpoch(rows, config.batchSize))), maxSteps: steps };
}

/**
 * A trainer that stops every run after `steps` optimizer steps on whatever split it is handed
 * (see `withStepBudget`): wrapped inside a strategy, it holds resampled and plain training equal.
 *
 * @example
 * resolveStrategy('smote')(stepBudgeted(train, 65)); // SMOTE's enlarged split, 65 updates
 */
export function stepBudgeted(train: Train, steps: number): Train {
  return (data, config) => train(data, withStepBudget(config, data.train.y.length, steps));
}
