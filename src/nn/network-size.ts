import type { Dataset } from '../data/dataset.ts';
import { InputError } from '../errors.ts';

/**
 * The most a network may hold: `weights` (every weight and bias) and `batchValues` (one training
 * batch's activations across the layers, rows × units). Each layer's width is bounded above, but
 * not their product: `--hidden 16384,16384,16384` asked for 805 million weights (3 GB, and three
 * times that for Adam's state and the gradients) and ran out of memory instead of training.
 */
export const sizeLimits = { weights: 50_000_000, batchValues: 100_000_000 } as const;

/**
 * The weights and biases of an MLP with these layer widths, and the values one batch of `rows`
 * holds in its layers (input, hidden and output units per row).
 *
 * @example
 * networkSize(784, [100], 10, 128); // { weights: 79510, batchValues: 114432 }
 */
export function networkSize(inputs: number, hidden: readonly number[], outputs: number, rows: number): { weights: number; batchValues: number } {
  const widths = [inputs, ...hidden, outputs];
  let weights = 0;
  for (let i = 1; i < widths.length; i++) weights += (widths[i - 1]! + 1) * widths[i]!;
  return { weights, batchValues: rows * widths.reduce((a, b) => a + b, 0) };
}

/**
 * Refuses a network or a batch too large for memory (see `sizeLimits`) as bad input, naming the
 * layers and the limit; the trainer calls it before it allocates anything. `members` networks
 * trained side by side (a bagged ensemble) count together.
 *
 * @example
 * checkSize(splits.train, { hidden: [16384, 16384], batchSize: 128 }); // throws InputError
 */
export function checkSize(ds: Dataset, config: { readonly hidden: readonly number[]; readonly batchSize: number | 'full' }, members = 1): void {
  const rows = config.batchSize === 'full' ? ds.y.length : Math.min(config.batchSize, ds.y.length);
  const one = networkSize(ds.x.cols, config.hidden, ds.classNames.length, rows);
  const [weights, batchValues] = [one.weights * members, one.batchValues * members];
  const shape = `${ds.x.cols} inputs, hidden ${config.hidden.join(',') || 'none'}, ${ds.classNames.length} classes${members > 1 ? `, ${members} networks side by side` : ''}`;
  if (weights > sizeLimits.weights) {
    throw new InputError(`hidden ${config.hidden.join(',')}: ${members > 1 ? 'the networks' : 'the network'} would hold ${weights.toLocaleString('en-US')} weights (${shape}); ` +
      `at most ${sizeLimits.weights.toLocaleString('en-US')} are allowed`);
  }
  if (batchValues > sizeLimits.batchValues) {
    throw new InputError(`batch size ${config.batchSize}: a batch of ${rows} rows would hold ${batchValues.toLocaleString('en-US')} values in the layers (${shape}); ` +
      `at most ${sizeLimits.batchValues.toLocaleString('en-US')} are allowed: use a smaller --batch-size or narrower layers`);
  }
}
