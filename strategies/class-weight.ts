import { classCounts, type Strategy } from '../src/plugin.ts';
import { inverseFrequency } from './class-frequency.ts';
import { focalLoss } from './focal.ts';
import { lossStrategy } from './loss-strategy.ts';

/**
 * Weighted cross-entropy with weights inverse to the training split's class frequencies,
 * n / (K · n_c): an example's loss is multiplied by its class's weight. It is focal loss at
 * γ = 0, so it shares that loss's tested code.
 *
 * @example
 * resolveStrategy('class-weight'); // same as classWeight()
 */
export function classWeight(): Strategy {
  return lossStrategy((train) => focalLoss({ gamma: 0, alpha: inverseFrequency(classCounts(train)) }));
}
