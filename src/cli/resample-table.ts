import { allRows } from '../data/table.ts';
import { readTable } from '../../datasets/csv-table.ts';
import type { Dataset } from '../data/dataset.ts';
import { decode, encode, fitEncoder } from '../data/encoder.ts';

/** How `resample` reads a table's columns (`--categorical`, `--numeric`, `--missing-values`, `--max-categories`). */
export interface ResampleTableOptions {
  label: string;
  categorical?: readonly string[];
  numeric?: readonly string[];
  missingValues?: readonly string[];
  maxCategories?: number;
}

/** A CSV table to resample, and how to write an encoded row back as the file's cells. */
export interface ResampleTable {
  /** Every row in raw units: numbers as written (a gap as the column's median, with a missing indicator), categories one-hot. */
  data: Dataset;
  /** What reading and encoding noted: columns dropped, levels merged. */
  notes: string[];
  /**
   * An encoded row as cells in the order of `header`: numbers as shortest round-trip decimals,
   * empty where the row's missing indicator is 0.5 or more, categories as their text, the
   * label cell as given, and a column dropped for being empty left empty.
   */
  cells(row: ArrayLike<number>, label: string): string[];
}

/**
 * Reads `path` for `resample`: types inferred or named, gaps filled, nothing scaled, so that
 * resampling interpolates in the file's own units and synthetic rows decode back to text.
 *
 * @example
 * const { data, cells } = readResampleTable('penguins.csv', header, { label: 'Species' });
 * cells(data.x.data.subarray(0, data.x.cols), 'Adelie'); // ['Adelie', 'Torgersen', '39.1', …, 'MALE']
 */
export function readResampleTable(path: string, header: readonly string[], options: ResampleTableOptions): ResampleTable {
  const { table, notes } = readTable(path, {
    label: options.label,
    ...(options.categorical && { categorical: options.categorical }),
    ...(options.numeric && { numeric: options.numeric }),
    ...(options.missingValues && { missingValues: ['', ...options.missingValues] }),
  });
  const rows = allRows(table.rows);
  const encoder = fitEncoder(table, rows, { scaling: 'none', ...(options.maxCategories !== undefined && { maxCategories: options.maxCategories }) });
  const column = new Map(encoder.columns.map((c, j) => [c.name, j]));
  return {
    data: encode(encoder, table, rows, 'float64'),
    notes: [...notes, ...encoder.notes],
    cells(row, label) {
      const decoded = decode(encoder, row);
      return header.map((name) => (name === options.label ? label : column.has(name) ? decoded[column.get(name)!]! : ''));
    },
  };
}
