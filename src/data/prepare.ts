import { InputError } from '../errors.ts';
import { createRng } from '../tensor/rng.ts';
import type { Dataset } from './dataset.ts';
import { binarize, imbalance, type Imbalance } from './imbalance.ts';
import { fitStandardizer, standardize, type Standardizer } from './scale.ts';
import { stratifiedSplit } from './split.ts';

/** What a dataset loader gives: the examples, maybe its own test set, and whether to standardise. */
export interface DataSource {
  /** The spec it was loaded from, e.g. `mnist` or `csv:data.csv`. */
  name: string;
  data: Dataset;
  /** A test set that came with the data (IDX's t10k files); otherwise one is held out. */
  test?: Dataset;
  /** Standardise features with the training split's statistics (CSV), or leave them (MNIST's [0, 1]). */
  standardize: boolean;
  /** The loader divided the file's raw values by this (IDX pixels: 255), so a saved model can take raw rows. */
  rawDivisor?: number;
}

/** The three splits: only `train` is ever resampled; `validation` steers; `test` is touched once. */
export interface Splits {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
  /** The standardisation fitted on the training split, when the source asked for one. */
  standardizer?: Standardizer;
}

/** How `prepareSplits` splits a source: its seed, and the imbalance to make in the training split. */
export interface SplitOptions {
  seed: number | string;
  imbalance?: Imbalance;
  /** Share held out as test when the source has none (default 0.2). */
  testFraction?: number;
  /** Share of the rest held out as validation (default 0.2). */
  validationFraction?: number;
}

/**
 * Stratified, seeded splits as DESIGN.md describes: the source's own test set or a held-out
 * 20%, then 20% of the rest for validation; the imbalance acts on the training part only;
 * standardisation statistics come from the training part only.
 *
 * @example
 * const splits = prepareSplits(source, { seed: 1, imbalance: parseImbalance('lt:100') });
 */
export function prepareSplits(source: DataSource, options: SplitOptions): Splits {
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
  if (source.standardize) {
    const scaler = fitStandardizer(train);
    [train, validation, test] = [standardize(train, scaler), standardize(validation, scaler), standardize(test, scaler)];
    return { train, validation, test, standardizer: scaler };
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
