import type { ColumnKind, LabelledTable, Table, TableColumn } from '../src/data/table.ts';
import { defaultMissingValues } from '../src/data/table.ts';
import { InputError } from '../src/index.ts';
import { checkHeaderNames } from './csv-cells.ts';
import { columnBuilder, type ColumnMode, type ColumnResult } from './csv-columns.ts';
import { eachCsvRecord } from './csv-stream.ts';
import { labelColumn } from './csv-labels.ts';

/** The columns of a training file, to read another file (a test file, rows to predict) alike. */
export interface TableSchema {
  /** The training file, for messages. */
  source: string;
  /** Every column of its header, the label and dropped columns included. */
  header: readonly string[];
  /** The feature columns kept, with their types. */
  columns: readonly { name: string; kind: ColumnKind }[];
}

export interface ReadTableOptions {
  /** The label column (default `label`); `null` for a file without one (rows to predict). */
  label?: string | null;
  /** Cells that count as missing (default: empty, NA, N/A, ?, NaN). */
  missingValues?: readonly string[];
  /** Columns read as categorical, or as numeric, whatever their cells. */
  categorical?: readonly string[];
  numeric?: readonly string[];
  /** Read as this training file's columns: the same names, the same types, its classes. */
  schema?: TableSchema;
  classes?: readonly string[];
  /** Columns read as text, every cell as written (predict's `--keep`). */
  keep?: readonly string[];
  /** Checks the header before any row is read (predict's column checks). */
  onHeader?: (header: readonly string[]) => void;
}

/** A table read from a CSV file, its schema, and notes for the user (columns dropped). */
export interface ReadTable<T extends Table> {
  table: T;
  schema: TableSchema;
  notes: string[];
}

function modesOf(path: string, header: readonly string[], label: string | null, o: ReadTableOptions): ColumnMode[] {
  for (const flag of ['categorical', 'numeric'] as const) {
    for (const name of o[flag] ?? []) {
      if (!header.includes(name)) throw new InputError(`--${flag} names no column "${name}" of ${path} (columns: ${header.join(', ')})`);
      if (name === label) throw new InputError(`--${flag} ${name}: that is the label column`);
      if (flag === 'numeric' && o.categorical?.includes(name)) throw new InputError(`--numeric ${name}: the column is also named in --categorical`);
    }
  }
  if (o.schema) {
    const kinds = new Map(o.schema.columns.map((c) => [c.name, c.kind]));
    return header.map((name) => (o.keep?.includes(name) ? 'text' : kinds.get(name) ?? 'skip'));
  }
  return header.map((name) => (name === label ? 'skip' : o.categorical?.includes(name) ? 'categorical' : o.numeric?.includes(name) ? 'numeric' : 'infer'));
}

function checkSameColumns(path: string, header: readonly string[], schema: TableSchema): void {
  const missing = schema.header.filter((n) => !header.includes(n));
  const extra = header.filter((n) => !schema.header.includes(n));
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [...missing.slice(0, 3).map((n) => `"${n}" is missing`), ...extra.slice(0, 3).map((n) => `"${n}" is not in it`)];
  throw new InputError(`${path}: its columns differ from the training file ${schema.source}'s: ${parts.join(', ')}`);
}

/**
 * Reads a CSV file as typed columns in one streamed pass (two when a column turns categorical
 * after a thousand distinct numbers): numeric columns as Float64Array with NaN for missing
 * cells, the others as dictionary codes. A column's type is inferred (numeric when every cell
 * that is not missing is a plain decimal) unless an override or a schema fixes it.
 *
 * @example
 * const { table, notes } = readTable('penguins.csv', { label: 'species' });
 */
export function readTable(path: string, options: ReadTableOptions & { label?: string }): ReadTable<LabelledTable>;
export function readTable(path: string, options: ReadTableOptions & { label: null }): ReadTable<Table>;
export function readTable(path: string, options: ReadTableOptions = {}): ReadTable<Table> {
  const label = options.label === undefined ? 'label' : options.label;
  const missing = new Set(options.missingValues ?? defaultMissingValues);
  const isMissing = (cell: string) => missing.has(cell);
  let header: string[] = [];
  let modes: ColumnMode[] = [];
  let builders: ReturnType<typeof columnBuilder>[] = [];
  let labels: ReturnType<typeof labelColumn> | undefined;
  let rows = 0;
  const start = (cells: string[]) => {
    header = cells;
    checkHeaderNames(path, header);
    options.onHeader?.(header);
    if (options.schema && label !== null) checkSameColumns(path, header, options.schema);
    if (label !== null && !header.includes(label)) {
      throw new InputError(`${path}: no label column "${label}" in the header (columns: ${header.join(', ')}); name it with --label`);
    }
    modes = modesOf(path, header, label, options);
    const why = options.schema ? `, but column "%s" is numeric in the training file ${options.schema.source}` : ' (--numeric)';
    builders = header.map((name, j) => columnBuilder(modes[j]!, { path, name, numericWhy: why.replace('%s', name) }, isMissing));
    if (label !== null) labels = labelColumn(path, label, header.indexOf(label), isMissing);
  };
  eachCsvRecord(path, (cells, i) => {
    if (i === 0) return start(cells);
    if (cells.length !== header.length) throw new InputError(`${path}, data row ${i}: ${cells.length} fields, but the header has ${header.length}`);
    rows = i;
    labels?.add(cells, i);
    for (let j = 0; j < cells.length; j++) builders[j]!.add(cells[j]!, i);
  });
  if (header.length === 0) throw new InputError(`${path}: the file is empty`);
  if (rows === 0) throw new InputError(`${path}: no data rows after the header`);
  const results = rereadLost(path, header, builders.map((b) => b.result()), isMissing);
  return assemble(path, header, results, label, labels, rows, options);
}

// Columns that turned categorical after their texts were let go are read once more, as text.
function rereadLost(path: string, header: readonly string[], results: ColumnResult[], isMissing: (c: string) => boolean): ColumnResult[] {
  if (!results.some((r) => r.kind === 'text-lost')) return results;
  const again = header.map((name, j) => columnBuilder(results[j]!.kind === 'text-lost' ? 'categorical' : 'skip', { path, name }, isMissing));
  eachCsvRecord(path, (cells, i) => {
    if (i > 0) for (let j = 0; j < cells.length; j++) again[j]!.add(cells[j]!, i);
  });
  return results.map((r, j) => (r.kind === 'text-lost' ? again[j]!.result() : r));
}

function assemble(
  path: string, header: string[], results: ColumnResult[], label: string | null, labels: ReturnType<typeof labelColumn> | undefined,
  rows: number, options: ReadTableOptions,
): ReadTable<Table> {
  const notes: string[] = [];
  const columns: TableColumn[] = [];
  results.forEach((r, j) => {
    const name = header[j]!;
    if (r.kind === 'skip' || r.kind === 'text-lost') return;
    if (r.present === 0 && !options.schema && !options.keep?.includes(name)) {
      notes.push(`column "${name}" of ${path} is empty in every row; dropped`);
      return;
    }
    columns.push(r.kind === 'numeric' ? { name, kind: 'numeric', values: r.values } : { name, kind: 'categorical', codes: r.codes, levels: r.levels });
  });
  const features = columns.filter((c) => !options.keep?.includes(c.name));
  if (label !== null && features.length === 0) throw new InputError(`${path}: no feature columns besides "${label}"`);
  const schema: TableSchema = options.schema ?? { source: path, header, columns: features.map((c) => ({ name: c.name, kind: c.kind })) };
  const table: Table = { name: path, rows, columns };
  if (!labels) return { table, schema, notes };
  const labelled: LabelledTable = { ...table, label: label!, ...labels.finish(options.classes, options.schema?.source) };
  return { table: labelled, schema, notes };
}
