import { loadDataset } from '../../datasets/registry.ts';
import { classCounts } from '../data/dataset.ts';
import { splitFingerprints } from '../data/hash.ts';
import type { Imbalance } from '../data/imbalance.ts';
import { prepareSplits, type Splits } from '../data/prepare.ts';
import type { TableDescription } from '../data/source.ts';
import { tableOptionsOf, type TableOptions } from '../data/table-options.ts';

/** Where a study's data come from: the dataset spec, its label column, and the imbalance made in its training split. */
export interface DataOptions extends TableOptions {
  dataset: string;
  label?: string;
  imbalance?: Imbalance;
}

/**
 * Loads the dataset and makes its seeded splits, with labelled fingerprints of the source and of each split.
 *
 * @example
 * const splits = loadSplits({ dataset: 'mnist', imbalance: parseImbalance('lt:100') }, 1);
 */
export function loadSplits(options: DataOptions, seed: number): Splits & { source: string; fingerprints: Record<string, string>; rawDivisor?: number } {
  const source = loadDataset(options.dataset, { ...(options.label !== undefined && { label: options.label }), ...tableOptionsOf(options) });
  const splits = prepareSplits(source, { seed, ...(options.imbalance && { imbalance: options.imbalance }) });
  return {
    ...splits, source: source.name, fingerprints: splitFingerprints(source.name, source.data, splits),
    ...(source.rawDivisor !== undefined && { rawDivisor: source.rawDivisor }),
  };
}

/**
 * What a table's reading and encoding decided, for reports and --json: each column's type,
 * the notes (columns dropped, levels merged), the scaling and the test file, if one was given.
 *
 * @example
 * describeTable(splits); // { columns: [{ name: 'Island', type: 'categorical' }, …], notes: [], scaling: 'standard', testFile: null }
 */
export function describeTable(splits: Pick<Splits, 'tabular' | 'encoder'>): TableDescription | undefined {
  if (!splits.tabular || !splits.encoder) return undefined;
  const { source } = splits.tabular;
  return {
    columns: source.columns,
    notes: [...source.notes, ...splits.encoder.notes],
    scaling: splits.encoder.scaling,
    testFile: source.test?.name ?? null,
  };
}

/** Sizes and class counts of the splits, for reports and --json. */
export function describeSplits(splits: Splits & { source: string }) {
  const table = describeTable(splits);
  return {
    name: splits.source,
    classes: splits.train.classNames,
    features: splits.train.x.cols,
    train: classCounts(splits.train),
    validation: classCounts(splits.validation),
    test: classCounts(splits.test),
    ...(table && { table }),
  };
}
