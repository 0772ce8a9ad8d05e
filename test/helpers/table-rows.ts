import { matrix, rowsOf, type Dataset, type NumericColumn, type TabularSplits } from '../../src/index.ts';

/**
 * A numeric table's test rows in the file's own units, as its table read them (float64, NaN for
 * a gap), columns in the table's order: the raw rows a saved model takes.
 *
 * @example
 * const raw = tableTestRows(splits.tabular!);
 */
export function tableTestRows({ source, ids }: TabularSplits): Dataset {
  const rows = rowsOf(ids.test);
  const table = source.test ?? source.train;
  const x = matrix(rows.length, table.columns.length, 'float64');
  table.columns.forEach((c, j) => rows.forEach((r, i) => { x.data[i * x.cols + j] = (c as NumericColumn).values[r]!; }));
  return { x, y: ids.test.y, classNames: ids.test.classNames, featureNames: table.columns.map((c) => c.name) };
}
