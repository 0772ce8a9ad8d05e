import { matrix } from '../tensor/matrix.ts';
import type { Rng } from '../tensor/rng.ts';
import type { Dataset } from './dataset.ts';
import { encode, fitEncoder, type EncoderOptions } from './encoder.ts';
import { stratifiedFolds, type Fold } from './folds.ts';
import type { DataSource, SplitOptions, Splits, TabularSource } from './source.ts';
import { splitRows } from './split-rows.ts';
import type { LabelledTable } from './table.ts';

/** The row numbers an ids dataset holds. */
export function rowsOf(ids: Dataset): Int32Array {
  return Int32Array.from(ids.x.data);
}

function idsOf(table: LabelledTable): Dataset {
  const x = matrix(table.rows, 1, 'float64');
  for (let i = 0; i < table.rows; i++) x.data[i] = i;
  return { x, y: table.y, classNames: table.classNames, featureNames: ['row'] };
}

/** The rows of `ids` of `table` encoded, with the labels (and classes) the ids carry: an imbalance may have binarised them. */
export function encodeIds(encoder: ReturnType<typeof fitEncoder>, table: LabelledTable, ids: Dataset): Dataset {
  return { ...encode(encoder, table, rowsOf(ids)), y: ids.y, classNames: ids.classNames };
}

/**
 * A table's splits: rows are split as any dataset's are (the same seeded, stratified draws), the
 * encoding is fitted on the training rows only, and every split is encoded with it.
 *
 * @example
 * const splits = prepareSplits(loadCsv('penguins.csv', { label: 'species' }), { seed: 1 }); // calls this
 */
export function tabularSplits(source: DataSource, tabular: TabularSource, options: SplitOptions): Splits {
  const ids = splitRows({ name: source.name, data: idsOf(tabular.train), ...(tabular.test && { test: idsOf(tabular.test) }) }, options);
  const encoder = { ...fitEncoder(tabular.train, rowsOf(ids.train), tabular.encoder), missingValues: [...tabular.missingValues] };
  const testTable = tabular.test ?? tabular.train;
  return {
    train: encodeIds(encoder, tabular.train, ids.train),
    validation: encodeIds(encoder, tabular.train, ids.validation),
    test: encodeIds(encoder, testTable, ids.test),
    encoder,
    tabular: { source: tabular, ids },
  };
}

/**
 * Stratified k-fold of a table's training rows with the encoding refitted on each fold's
 * training part: the same folds `stratifiedFolds` deals from `ids`, but no fold's validation
 * rows inform its medians, scales or levels.
 *
 * @example
 * const folds = tabularFolds(splits.tabular.source.train, splits.tabular.ids.train, 5, createRng(1).fork('cv/0'), { scaling: 'robust' });
 */
export function tabularFolds(table: LabelledTable, ids: Dataset, k: number, rng: Rng, options: EncoderOptions): Fold[] {
  return stratifiedFolds(ids, k, rng).map((fold) => {
    const encoder = fitEncoder(table, rowsOf(fold.train), options);
    return { train: encodeIds(encoder, table, fold.train), validation: encodeIds(encoder, table, fold.validation), validationRows: fold.validationRows };
  });
}
