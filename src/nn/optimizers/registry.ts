import { adagrad } from './adagrad.ts';
import { adam } from './adam.ts';
import { momentum } from './momentum.ts';
import type { Optimizer } from './optimizer.ts';
import { rmsprop } from './rmsprop.ts';
import { sgd } from './sgd.ts';

/** An optimizer by name with its settings, as config files and the CLI give it. */
export interface OptimizerConfig {
  name: OptimizerName;
  lr: number;
  /** Momentum's α. */
  alpha?: number;
  /** RMSProp's decay ρ. */
  rho?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

const registry = {
  sgd: (c: OptimizerConfig) => sgd({ lr: c.lr }),
  momentum: (c: OptimizerConfig) => momentum({ lr: c.lr, ...(c.alpha !== undefined && { alpha: c.alpha }) }),
  adagrad: (c: OptimizerConfig) => adagrad({ lr: c.lr, ...(c.epsilon !== undefined && { epsilon: c.epsilon }) }),
  rmsprop: (c: OptimizerConfig) =>
    rmsprop({ lr: c.lr, ...(c.rho !== undefined && { rho: c.rho }), ...(c.epsilon !== undefined && { epsilon: c.epsilon }) }),
  adam: (c: OptimizerConfig) =>
    adam({
      lr: c.lr,
      ...(c.beta1 !== undefined && { beta1: c.beta1 }),
      ...(c.beta2 !== undefined && { beta2: c.beta2 }),
      ...(c.epsilon !== undefined && { epsilon: c.epsilon }),
    }),
} satisfies Record<string, (c: OptimizerConfig) => Optimizer>;

/** An optimizer's name, as `TrainConfig.optimizer.name` and `--optimizer` take it. */
export type OptimizerName = keyof typeof registry;
/**
 * Every optimizer's name.
 *
 * @example
 * optimizerNames; // ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']
 */
export const optimizerNames = Object.keys(registry) as OptimizerName[];

/** Builds an optimizer from its config; an unknown name lists the known ones. */
export function createOptimizer(config: OptimizerConfig): Optimizer {
  const factory = registry[config.name];
  if (!factory) {
    throw new RangeError(`unknown optimizer "${String(config.name)}"; expected one of ${optimizerNames.join(', ')}`);
  }
  return factory(config);
}

/** Type guard for names read from the command line or a config file. */
export function isOptimizerName(name: string): name is OptimizerName {
  return Object.hasOwn(registry, name);
}
