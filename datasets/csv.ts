import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { allRows, defaultMissingValues, encode, fitEncoder, InputError, type DataSource, type DType, type Scaling } from '../src/plugin.ts';
import { checkHeaderNames } from './csv-cells.ts';
import { readTable } from './csv-table.ts';
import { csvFileBytes } from './csv-stream.ts';

export interface CsvOptions {
  /** Name of the label column (default `label`). */
  label?: string;
  /** Storage of the features (default float32; `resample` writes values back, so it reads float64). */
  dtype?: DType;
  /** Columns read as categorical, or as numeric, whatever their cells (`--categorical`, `--numeric`). */
  categorical?: readonly string[];
  numeric?: readonly string[];
  /** Cells that count as missing (`--missing-values`; default empty, NA, N/A, ?, NaN). */
  missingValues?: readonly string[];
  /** One-hot columns a categorical column may take (`--max-categories`, default 32). */
  maxCategories?: number;
  scaling?: Scaling;
  /** A test file (`--test csv:PATH`): its rows are the test split. */
  test?: string;
}

/** The scaling of a CSV's numeric columns unless `--scaling` says otherwise (chosen by measurement: docs/tabular.md). */
export const defaultCsvScaling: Scaling = 'standard';

/** The header and rows of a CSV file, with every row checked to have the header's width. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** The largest CSV file read (256 MiB): the whole text and its cells are held in memory. */
export const maxCsvBytes = 256 * 1024 * 1024;

/** Reads a CSV file with a header row; errors name the file and the line. */
export function readCsv(path: string): CsvTable {
  const size = csvFileBytes(path);
  // Parsed whole in memory: past this, Node cannot even hold the text ("Cannot create a string longer than…", with no file named).
  if (size > maxCsvBytes) {
    throw new InputError(`${path}: ${size.toLocaleString('en-US')} bytes; a CSV file may have at most ${maxCsvBytes.toLocaleString('en-US')} (256 MiB), as it is read whole`);
  }
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') throw new InputError(`${path}: the file is empty`);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new InputError(`${path}: not valid CSV (${(error as Error).message})`);
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) throw new InputError(`${path}: no data rows after the header`);
  checkHeaderNames(path, header);
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new InputError(`${path}, data row ${i + 1}: ${row.length} fields, but the header has ${header.length}`);
    }
  });
  return { header, rows };
}

export { cellNumber, sortLabels } from './csv-cells.ts';

/**
 * `csv:PATH`: a header row, one label column, and feature columns whose types are inferred
 * (numeric when every cell that is not missing is a plain decimal, categorical otherwise) or
 * named. The table is encoded per split, fitted on the training rows only (see
 * `tabularSplits`); `data` is the whole file encoded in raw units (gaps filled with the
 * file's medians, categories one-hot), for what looks at the data before splitting.
 *
 * @example
 * const source = loadCsv('penguins.csv', { label: 'species', test: 'penguins-test.csv' });
 */
export function loadCsv(path: string, options: CsvOptions = {}): DataSource {
  const read = readTable(path, {
    label: options.label ?? 'label',
    ...(options.missingValues && { missingValues: options.missingValues }),
    ...(options.categorical && { categorical: options.categorical }),
    ...(options.numeric && { numeric: options.numeric }),
  });
  const train = read.table;
  const test = options.test === undefined ? undefined : readTable(options.test, {
    label: train.label, schema: read.schema, classes: train.classNames,
    ...(options.missingValues && { missingValues: options.missingValues }),
  }).table;
  const encoder = { scaling: options.scaling ?? defaultCsvScaling, ...(options.maxCategories !== undefined && { maxCategories: options.maxCategories }) };
  const raw = fitEncoder(train, allRows(train.rows), { ...encoder, scaling: 'none' });
  return {
    name: `csv:${path}`,
    data: encode(raw, train, allRows(train.rows), options.dtype),
    standardize: true,
    tabular: {
      train, ...(test && { test }), encoder, missingValues: options.missingValues ?? defaultMissingValues,
      columns: read.schema.columns.map((c) => ({ name: c.name, type: c.kind })),
      notes: read.notes,
    },
  };
}
