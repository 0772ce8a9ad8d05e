import { defer } from 'rxjs';
import { createRng, type Rng, type Strategy } from '../src/plugin.ts';
import type { Resampler } from './resampled.ts';

/**
 * The RNG a resampler draws from: derived from the run's seed and the strategy's name, so
 * the same seed gives the same resampled data, independent of the trainer's own draws.
 *
 * @example
 * smoteResampler()(data, resamplingRng(config.seed, 'smote'));
 */
export function resamplingRng(seed: number | string, strategy: string): Rng {
  return createRng(seed).fork(`resample/${strategy}`);
}

/**
 * Tells the user something on stderr, so that `--json` output on stdout stays clean.
 *
 * @example
 * resampled.warnings.forEach(warn);
 */
export function warn(message: string): void {
  process.stderr.write(`skewtune: warning: ${message}\n`);
}

/**
 * Turns a pure resampler into a strategy: the training split is resampled (with an RNG
 * from `config.seed`) before the wrapped trainer sees it; validation is left alone.
 * Resampling runs on subscription, so its errors travel down the error channel.
 *
 * @example
 * const smote = (options: SmoteOptions): Strategy => resampling('smote', smoteResampler(options));
 */
export function resampling(strategy: string, resampler: Resampler): Strategy {
  return (train) => (data, config) =>
    defer(() => {
      const resampled = resampler(data.train, resamplingRng(config.seed, strategy));
      resampled.warnings.forEach(warn);
      return train({ ...data, train: resampled.data }, config);
    });
}
