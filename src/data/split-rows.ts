import { InputError } from '../errors.ts';
import { createRng } from '../tensor/rng.ts';
import type { Dataset } from './dataset.ts';
import { binarize, imbalance } from './imbalance.ts';
import type { DataSource, SplitOptions } from './source.ts';
import { stratifiedSplit } from './split.ts';

/**
 * The three splits of a source, before any scaling: its own test set or a stratified held-out
 * share, then a stratified share of the rest for validation; the imbalance acts on the
 * training part only.
 *
 * @example
 * const { train, validation, test } = splitRows(source, { seed: 1 });
 */
export function splitRows(source: Pick<DataSource, 'name' | 'data' | 'test'>, options: SplitOptions): { train: Dataset; validation: Dataset; test: Dataset } {
  const rng = createRng(options.seed).fork('split');
  const [rest, heldOut] = source.test
    ? [source.data, source.test]
    : stratifiedSplit(source.data, options.testFraction ?? 0.2, rng.fork('test'));
  let [train, validation] = stratifiedSplit(rest, options.validationFraction ?? 0.2, rng.fork('validation'));
  let test = heldOut;
  const sizes = { training: train.y.length, validation: validation.y.length, test: test.y.length };
  const empty = Object.entries(sizes).find(([, n]) => n === 0);
  if (empty) {
    throw new InputError(`${source.name}: ${source.data.y.length} rows are too few to split: ` +
      `${sizes.training} training, ${sizes.validation} validation and ${sizes.test} test rows, but every split needs at least one`);
  }
  checkTrainedClasses(source.name, train, { validation, test });
  if (options.imbalance) {
    train = imbalance(train, options.imbalance, rng.fork('imbalance'));
    if (options.imbalance.kind === 'minority') {
      validation = binarize(validation);
      test = binarize(test);
    }
  }
  return { train, validation, test };
}

/**
 * Refuses a class with validation or test rows but no training rows (an IDX test set with a
 * class its training files lack): the network would have an output it never learns, and the
 * class's recall would be 0 by construction, not by the model.
 */
function checkTrainedClasses(name: string, train: Dataset, others: Record<'validation' | 'test', Dataset>): void {
  const trained = new Set(train.y);
  for (const [split, ds] of Object.entries(others)) {
    const missing = ds.y.find((c) => !trained.has(c));
    if (missing === undefined) continue;
    const rows = ds.y.filter((c) => c === missing).length;
    throw new InputError(`${name}: class "${ds.classNames[missing]}" has ${rows} ${split} row${rows === 1 ? '' : 's'} but no training rows; a model cannot learn it`);
  }
}
