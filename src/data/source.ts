import type { Dataset } from './dataset.ts';
import type { Encoder, EncoderOptions } from './encoder.ts';
import type { Imbalance } from './imbalance.ts';
import type { Standardizer } from './scale.ts';
import type { ColumnKind, LabelledTable } from './table.ts';

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

/** A table source: the training file's table, maybe a test file's, how to encode them, and what reading noted. */
export interface TabularSource {
  train: LabelledTable;
  /** Rows of a given test file (`--test csv:PATH`), read with the training file's schema. */
  test?: LabelledTable;
  encoder: EncoderOptions;
  /** The cells read as missing, for reading rows to predict alike. */
  missingValues: readonly string[];
  /** Each feature column kept and its type, as reports state them. */
  columns: { name: string; type: ColumnKind }[];
  /** Columns dropped while reading, and the like. */
  notes: string[];
}

/** A table's splits as row numbers: `ids` datasets hold each row's number in the table as their one feature. */
export interface TabularSplits {
  source: TabularSource;
  ids: { train: Dataset; validation: Dataset; test: Dataset };
}


/** What a table's reading and encoding decided, as reports, `study.json` and `--json` state it. */
export interface TableDescription {
  columns: { name: string; type: ColumnKind }[];
  /** Columns dropped, levels merged. */
  notes: string[];
  scaling: string;
  /** The `--test` file, or null when the test rows were held out of the dataset. */
  testFile: string | null;
}
