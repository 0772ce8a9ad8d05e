import type { Dataset } from './dataset.ts';
import type { Encoder } from './encoder.ts';
import type { Imbalance } from './imbalance.ts';
import { fitStandardizer, standardize, type Standardizer } from './scale.ts';
import { splitRows } from './split-rows.ts';
import { tabularSplits, type TabularSource, type TabularSplits } from './tabular.ts';

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
  /** A table read with its column types (CSV): encoded per split, fitted on the training part only. */
  tabular?: TabularSource;
}

/** The three splits: only `train` is ever resampled; `validation` steers; `test` is touched once. */
export interface Splits {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
  /** The standardisation fitted on the training split, when the source asked for one. */
  standardizer?: Standardizer;
  /** The table's encoding fitted on the training split, when the source is a table. */
  encoder?: Encoder;
  /** The table and the rows of each split, to refit the encoding on a fold's training part. */
  tabular?: TabularSplits;
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
  if (source.tabular) return tabularSplits(source, source.tabular, options);
  const { train, validation, test } = splitRows(source, options);
  if (!source.standardize) return { train, validation, test };
  const scaler = fitStandardizer(train);
  return { train: standardize(train, scaler), validation: standardize(validation, scaler), test: standardize(test, scaler), standardizer: scaler };
}
