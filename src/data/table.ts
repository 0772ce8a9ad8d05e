/**
 * A table as read from a file, before any encoding: each feature column either numeric
 * (NaN marks a missing cell) or categorical (dictionary codes into `levels`, −1 marks a
 * missing cell). The encoder (src/data/encoder.ts) turns rows of it into a `Dataset`.
 *
 * @example
 * const island = table.columns.find((c) => c.name === 'island'); // { kind: 'categorical', codes, levels: ['Biscoe', 'Dream', 'Torgersen'] }
 */
export interface Table {
  /** Where it came from (a file path), for messages. */
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly TableColumn[];
}

/** A table with its label column: row i has class `y[i]`, an index into `classNames`. */
export interface LabelledTable extends Table {
  readonly label: string;
  readonly y: Int32Array;
  readonly classNames: readonly string[];
}

export type TableColumn = NumericColumn | CategoricalColumn;

export interface NumericColumn {
  readonly name: string;
  readonly kind: 'numeric';
  /** One value per row; NaN where the cell was missing. */
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly name: string;
  readonly kind: 'categorical';
  /** One code per row into `levels`; −1 where the cell was missing. */
  readonly codes: Int32Array;
  /** The distinct texts of the column, in order of first appearance. */
  readonly levels: readonly string[];
}

/** A column's type, as reports and `--json` state it. */
export type ColumnKind = TableColumn['kind'];

/** The cells that count as missing unless `--missing-values` says otherwise. */
export const defaultMissingValues: readonly string[] = ['', 'NA', 'N/A', '?', 'NaN'];

/** The most distinct values a categorical column may have. */
export const maxDistinctLevels = 100_000;

/**
 * The row numbers 0, 1, …, n − 1: every row of a table.
 *
 * @example
 * encode(encoder, table, allRows(table.rows));
 */
export function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
