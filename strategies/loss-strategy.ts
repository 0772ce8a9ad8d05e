import { defer } from 'rxjs';
import { classCounts, type Dataset, type Loss, type Strategy } from '../src/plugin.ts';
import { logPriors } from './class-frequency.ts';

export interface LossStrategyOptions {
  /** Start the output bias at the log class priors (Lin et al. 2017's prior initialisation). */
  priorBias?: boolean;
}

/**
 * Turns a loss, made from the training split it will see (for class frequencies), into a
 * strategy that trains with it; validation loss uses it too. When losses are composed the
 * innermost strategy's loss is the one used, since it sets the config last.
 *
 * @example
 * const classWeight = (): Strategy =>
 *   lossStrategy((train) => focalLoss({ gamma: 0, alpha: inverseFrequency(classCounts(train)) }));
 */
export function lossStrategy(lossFor: (train: Dataset) => Loss, options: LossStrategyOptions = {}): Strategy {
  return (train) => (data, config) =>
    defer(() => train(data, {
      ...config,
      loss: lossFor(data.train),
      ...(options.priorBias && { outputBias: logPriors(classCounts(data.train)) }),
    }));
}
