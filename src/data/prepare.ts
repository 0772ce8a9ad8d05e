import { InputError } from '../errors.ts';
import { createRng } from '../tensor/rng.ts';
import type { Dataset } from './dataset.ts';
import { binarize, imbalance, type Imbalance } from './imbalance.ts';
import { fitStandardizer, standardize } from './scale.ts';
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
}

/** The three splits: only `train` is ever resampled; `validation` steers; `test` is touched once. */
export interface Splits {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
}

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
  }
  return { train, validation, test };
}
