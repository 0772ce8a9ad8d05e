import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, matrix, type DataSource, type DType } from '../src/plugin.ts';

export interface CsvOptions {
  /** Name of the label column (default `label`). */
  label?: string;
  /** Storage of the features (default float32; `resample` writes values back, so it reads float64). */
  dtype?: DType;
}

/** The header and rows of a CSV file, with every row checked to have the header's width. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** The largest CSV file read (256 MiB): the whole text and its cells are held in memory. */
export const maxCsvBytes = 256 * 1024 * 1024;

/** Reads a CSV file with a header row; errors name the file and the line. */
export function readCsv(path: string): CsvTable {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    // Only a missing file is "no such file": a symbolic-link loop says so in its own words (see errorLine).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${path}: no such file`);
    throw error;
  }
  if (!stat.isFile()) throw new InputError(`${path}: not a regular file (a directory?); a CSV file is needed`);
  // Parsed whole in memory: past this, Node cannot even hold the text ("Cannot create a string longer than…", with no file named).
  if (stat.size > maxCsvBytes) {
    throw new InputError(`${path}: ${stat.size.toLocaleString('en-US')} bytes; a CSV file may have at most ${maxCsvBytes.toLocaleString('en-US')} (256 MiB), as it is read whole`);
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
  checkHeader(path, header);
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new InputError(`${path}, data row ${i + 1}: ${row.length} fields, but the header has ${header.length}`);
    }
  });
  return { header, rows };
}

// A duplicated name would make "the column named x" ambiguous (a duplicated label column once trained on a feature as the label).
function checkHeader(path: string, header: readonly string[]): void {
  const first = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') throw new InputError(`${path}, header, column ${j + 1}: the column has no name`);
    const earlier = first.get(name);
    if (earlier !== undefined) throw new InputError(`${path}, header: column "${name}" appears twice (columns ${earlier + 1} and ${j + 1})`);
    first.set(name, j);
  });
}

// Plain decimals only: Number() would also read "0x10", "0b11", "0o7" and " " as numbers.
const decimal = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * A feature cell as a finite number, or why it is not one.
 *
 * @example
 * cellNumber('1.5e3'); // 1500
 * cellNumber('0x10'); // 'is not a decimal number'
 */
export function cellNumber(cell: string): number | string {
  if (/^[-+]?(nan|infinity)$/i.test(cell)) return 'is not a finite number';
  if (!decimal.test(cell)) return /^[-+]?0[xbo]/i.test(cell) ? 'is not a decimal number' : 'is not a number';
  const value = Number(cell);
  return Number.isFinite(value) ? value : 'is not a finite number';
}

/** Orders class labels numerically when they all are numbers ("2" before "10"), else as text. */
export function sortLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  const numeric = unique.every((l) => l !== '' && Number.isFinite(Number(l)));
  return numeric ? unique.sort((a, b) => Number(a) - Number(b)) : unique.sort();
}

/**
 * `csv:PATH`: a header row, one label column, every other column a finite number.
 * Features are standardised later with the training split's statistics.
 */
export function loadCsv(path: string, options: CsvOptions = {}): DataSource {
  const labelName = options.label ?? 'label';
  const { header, rows } = readCsv(path);
  const labelColumn = header.indexOf(labelName);
  if (labelColumn < 0) {
    throw new InputError(`${path}: no label column "${labelName}" in the header (columns: ${header.join(', ')}); name it with --label`);
  }
  const featureNames = header.filter((_, j) => j !== labelColumn);
  if (featureNames.length === 0) throw new InputError(`${path}: no feature columns besides "${labelName}"`);
  const empty = rows.findIndex((r) => r[labelColumn] === '');
  if (empty >= 0) throw new InputError(`${path}, data row ${empty + 1}, column "${labelName}": the label is empty`);
  const classNames = sortLabels(rows.map((r) => r[labelColumn]!));
  if (classNames.length < 2) {
    throw new InputError(`${path}: the label column "${labelName}" has a single class ("${classNames[0]}"); at least two are needed`);
  }
  const classIndex = new Map(classNames.map((c, i) => [c, i]));
  const x = matrix(rows.length, featureNames.length, options.dtype);
  const y = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    let f = 0;
    row.forEach((cell, j) => {
      if (j === labelColumn) return;
      const value = cellNumber(cell);
      if (typeof value === 'string') throw new InputError(`${path}, data row ${i + 1}, column "${header[j]}": ${JSON.stringify(cell)} ${value}`);
      x.data[i * featureNames.length + f++] = value;
    });
    y[i] = classIndex.get(row[labelColumn]!)!;
  });
  return { name: `csv:${path}`, data: { x, y, classNames, featureNames }, standardize: true };
}
