import { cellNumber, type CsvTable } from '../../datasets/csv.ts';
import { InputError } from '../errors.ts';
import { matrix, type Matrix } from '../tensor/matrix.ts';

/** The rows to predict, in the model's feature order, and the columns kept as they were read. */
export interface PredictionInput {
  x: Matrix;
  keep: string[][];
}

/**
 * Checks an input table against the model's features: every feature present once, every
 * other column named in `keep`, every feature cell a finite number. Errors name the file,
 * the data row (from 1) and the column.
 */
export function predictionInput(table: CsvTable, features: readonly string[], keep: readonly string[], path: string): PredictionInput {
  const { header, rows } = table;
  // Maps and sets, not indexOf in a loop: a table may have tens of thousands of columns.
  const column = new Map<string, number>();
  for (const [j, name] of header.entries()) {
    if (column.has(name)) throw new InputError(`${path}: the header names column "${name}" twice`);
    column.set(name, j);
  }
  const kept = new Set<string>();
  for (const name of keep) {
    if (kept.has(name)) throw new InputError(`--keep names column "${name}" twice`);
    kept.add(name);
  }
  const featureSet = new Set(features);
  for (const name of keep) {
    if (!column.has(name)) throw new InputError(`${path}: --keep column "${name}" is not in the header`);
    if (featureSet.has(name)) throw new InputError(`${path}: --keep column "${name}" is a feature of the model; keep only identifying columns`);
  }
  const missing = features.filter((f) => !column.has(f));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((f) => `"${f}"`).join(', ');
    throw new InputError(`${path}: missing feature column${missing.length > 1 ? 's' : ''} ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} that the model needs`);
  }
  const extra = header.find((name) => !featureSet.has(name) && !kept.has(name));
  if (extra !== undefined) throw new InputError(`${path}: column "${extra}" is not a feature of the model; drop it or name it in --keep`);
  const featureColumns = features.map((f) => column.get(f)!);
  const keepColumns = keep.map((k) => column.get(k)!);
  const x = matrix(rows.length, features.length, 'float64');
  rows.forEach((row, i) => {
    featureColumns.forEach((j, f) => {
      const cell = row[j]!;
      // The same cells a training CSV accepts: plain decimals (not "0x10", "0b11" or "1_000").
      const value = cellNumber(cell);
      if (typeof value === 'string') throw new InputError(`${path}, data row ${i + 1}, column "${header[j]}": "${cell}" ${cell === '' ? 'is empty' : value}`);
      x.data[i * features.length + f] = value;
    });
  });
  return { x, keep: rows.map((row) => keepColumns.map((j) => row[j]!)) };
}
