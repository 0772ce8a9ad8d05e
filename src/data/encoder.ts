import { InputError } from '../errors.ts';
import { matrix, type DType } from '../tensor/matrix.ts';
import type { CategoricalGroup, Dataset } from './dataset.ts';
import { fitCategorical, fitNumeric, type ColumnEncoding, type Scaling } from './encoder-fit.ts';
import { smoothClip, unclip } from './robust-scale.ts';
import type { Table, TableColumn } from './table.ts';

export type { CategoricalEncoding, ColumnEncoding, NumericEncoding, Scaling } from './encoder-fit.ts';
export { scalingNames } from './encoder-fit.ts';

/**
 * Everything that turns a table's raw cells into a network's inputs, fitted on training rows
 * only and stored in the model file (plain JSON): per numeric column the median that fills
 * gaps, a missing-indicator column when training had gaps, and the scaling; per categorical
 * column its one-hot levels. `notes` say what was dropped or merged.
 */
export interface Encoder {
  scaling: Scaling;
  columns: ColumnEncoding[];
  notes: string[];
  /** The cells read as missing in training, so rows to predict are read alike (default list when absent). */
  missingValues?: string[];
}

export interface EncoderOptions {
  /** One-hot columns a categorical column may take before its rarest levels merge into `other` (default `defaultMaxCategories`). */
  maxCategories?: number;
  /** Default `defaultScaling`. */
  scaling?: Scaling;
}

/** One-hot columns a categorical column takes at most when no option says. */
export const defaultMaxCategories = 32;

/** How numeric columns are scaled when no option says. */
export const defaultScaling: Scaling = 'standard';

/**
 * Fits the encoding of `table` on the rows `rows` (the training split, or a fold's training part).
 *
 * @example
 * const encoder = fitEncoder(table, trainRows, { scaling: 'robust' });
 * const train = encode(encoder, table, trainRows);
 */
export function fitEncoder(table: Table, rows: ArrayLike<number>, options: EncoderOptions = {}): Encoder {
  const scaling = options.scaling ?? defaultScaling;
  const cap = options.maxCategories ?? defaultMaxCategories;
  const columns: ColumnEncoding[] = [];
  const notes: string[] = [];
  for (const column of table.columns) {
    if (column.kind === 'numeric') {
      const fitted = fitNumeric(column, rows, scaling);
      if (fitted) columns.push(fitted);
      else notes.push(`column "${column.name}" has no value in the training rows; dropped`);
      continue;
    }
    const fitted = fitCategorical(column, rows, cap);
    if (!fitted) {
      notes.push(`column "${column.name}" has no value in the training rows; dropped`);
      continue;
    }
    columns.push(fitted.encoding);
    if (fitted.merged > 0) notes.push(`column "${column.name}": its ${fitted.merged} rarest levels merged into "${fitted.encoding.other}" (at most ${cap} levels, --max-categories)`);
  }
  if (columns.length === 0) throw new InputError(`${table.name}: no feature column has a value in the training rows`);
  return { scaling, columns, notes };
}

/** The encoded columns' names and the one-hot blocks, as a `Dataset` states them. */
export function encodedLayout(encoder: Encoder): { featureNames: string[]; categorical: CategoricalGroup[] } {
  const featureNames: string[] = [];
  const categorical: CategoricalGroup[] = [];
  for (const c of encoder.columns) {
    if (c.kind === 'numeric') {
      featureNames.push(c.name);
      if (c.indicator) featureNames.push(`${c.name} (missing)`);
      continue;
    }
    const levels = blockLevels(c);
    categorical.push({ name: c.name, start: featureNames.length, levels });
    for (const l of levels) featureNames.push(`${c.name}=${l}`);
  }
  return { featureNames, categorical };
}

function blockLevels(c: ColumnEncoding & { kind: 'categorical' }): string[] {
  return [...c.levels, ...(c.other !== null ? [c.other] : []), ...(c.missing !== null ? [c.missing] : [])];
}

function columnOf(table: Table, name: string): TableColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new InputError(`${table.name}: no column "${name}", which the encoding needs`);
  return column;
}

/**
 * The rows `rows` of `table` encoded as a `Dataset` (labels from the table when it has them).
 * A category the encoder never saw takes `other`, or no level at all; a gap takes `missing`, or
 * no level at all, when training had none. Never an error for a cell's value.
 *
 * @example
 * const test = encode(encoder, testTable, allRows(testTable));
 */
export function encode(encoder: Encoder, table: Table, rows: ArrayLike<number>, dtype?: DType): Dataset {
  const { featureNames, categorical } = encodedLayout(encoder);
  const width = featureNames.length;
  const x = matrix(rows.length, width, dtype);
  let at = 0;
  for (const c of encoder.columns) {
    const column = columnOf(table, c.name);
    if (c.kind === 'numeric') {
      if (column.kind !== 'numeric') throw new InputError(`${table.name}: column "${c.name}" is categorical, but the encoding takes it as numeric`);
      const robust = encoder.scaling === 'robust';
      for (let i = 0; i < rows.length; i++) {
        const raw = column.values[rows[i]!]!;
        const gap = Number.isNaN(raw);
        const z = ((gap ? c.fill : raw) - c.center) * c.factor;
        x.data[i * width + at] = robust ? smoothClip(z) : z;
        if (c.indicator) x.data[i * width + at + 1] = gap ? 1 : 0;
      }
      at += c.indicator ? 2 : 1;
      continue;
    }
    const levels = blockLevels(c);
    const index = new Map(levels.slice(0, c.levels.length).map((l, k) => [l, k]));
    const other = c.other === null ? -1 : c.levels.length;
    const missing = c.missing === null ? -1 : levels.length - 1;
    if (column.kind !== 'categorical') throw new InputError(`${table.name}: column "${c.name}" is numeric, but the encoding takes it as categorical`);
    const slot = column.levels.map((t) => index.get(t) ?? other);
    for (let i = 0; i < rows.length; i++) {
      const code = column.codes[rows[i]!]!;
      const k = code < 0 ? missing : slot[code]!;
      if (k >= 0) x.data[i * width + at + k] = 1;
    }
    at += levels.length;
  }
  const labelled = 'y' in table && 'classNames' in table;
  const y = new Int32Array(rows.length);
  if (labelled) for (let i = 0; i < rows.length; i++) y[i] = (table.y as Int32Array)[rows[i]!]!;
  return { x, y, classNames: labelled ? (table.classNames as readonly string[]) : [], featureNames, categorical };
}

/**
 * One encoded row back as raw cells, one per encoder column: numbers in raw units (empty where
 * the indicator says the cell was missing), a category as its level's text (the most frequent
 * merged level for `other`; empty for `missing` or no level).
 *
 * @example
 * decode(encoder, ds.x.data.subarray(0, ds.x.cols)); // ['39.1', 'Torgersen', '']
 */
export function decode(encoder: Encoder, row: ArrayLike<number>): string[] {
  const cells: string[] = [];
  let at = 0;
  for (const c of encoder.columns) {
    if (c.kind === 'numeric') {
      const gap = c.indicator && row[at + 1]! >= 0.5;
      const y = row[at]!;
      const z = encoder.scaling === 'robust' ? unclip(y) : y;
      cells.push(gap ? '' : String(c.factor === 0 ? c.center : z / c.factor + c.center));
      at += c.indicator ? 2 : 1;
      continue;
    }
    const levels = blockLevels(c);
    let best = -1;
    for (let k = 0; k < levels.length; k++) if (row[at + k]! > 0 && (best < 0 || row[at + k]! > row[at + best]!)) best = k;
    const level = best < 0 ? null : levels[best]!;
    cells.push(level === null || level === c.missing ? '' : level === c.other ? c.otherAs ?? '' : level);
    at += levels.length;
  }
  return cells;
}
