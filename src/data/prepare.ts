import { fitStandardizer, standardize } from './scale.ts';
import type { DataSource, SplitOptions, Splits } from './source.ts';
import { splitRows } from './split-rows.ts';
import { tabularSplits } from './tabular.ts';

export type { DataSource, SplitOptions, Splits, TabularSource, TabularSplits } from './source.ts';

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
