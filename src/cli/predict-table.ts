import { readTable } from '../../datasets/csv-table.ts';
import type { Encoder } from '../data/encoder.ts';
import type { CategoricalColumn } from '../data/table.ts';
import { InputError } from '../errors.ts';
import type { LoadedModel } from '../model/load.ts';
import type { Matrix } from '../tensor/matrix.ts';

/** Probabilities of an input file's rows, and the kept columns' cells as read. */
export interface TablePrediction {
  probabilities: Matrix;
  keep: string[][];
}

function checkColumns(path: string, header: readonly string[], encoder: Encoder, keep: readonly string[]): void {
  const features = new Set(encoder.columns.map((c) => c.name));
  const repeated = keep.find((name, i) => keep.indexOf(name) !== i);
  if (repeated !== undefined) throw new InputError(`--keep names column "${repeated}" twice`);
  for (const name of keep) {
    if (!header.includes(name)) throw new InputError(`${path}: --keep column "${name}" is not in the header`);
    if (features.has(name)) throw new InputError(`${path}: --keep column "${name}" is a feature of the model; keep only identifying columns`);
  }
  const missing = [...features].filter((f) => !header.includes(f));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((f) => `"${f}"`).join(', ');
    throw new InputError(`${path}: missing feature column${missing.length > 1 ? 's' : ''} ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} that the model needs`);
  }
  const extra = header.find((name) => !features.has(name) && !keep.includes(name));
  if (extra !== undefined) throw new InputError(`${path}: column "${extra}" is not a feature of the model; drop it or name it in --keep`);
}

/**
 * Scores the rows of a CSV file with a model that carries a table encoder: each feature column
 * read by name with the type it had in training (categories as text, missing cells as gaps,
 * a category never seen in training as the encoder says, the training run's missing markers),
 * then encoded as in training.
 *
 * @example
 * const { probabilities, keep } = predictTableFile('rows.csv', model, ['id']);
 */
export function predictTableFile(path: string, model: LoadedModel, keep: readonly string[]): TablePrediction {
  const encoder = model.header.encoder!;
  const schema = { source: model.header.dataset, header: [], columns: encoder.columns.map((c) => ({ name: c.name, kind: c.kind })) };
  const { table } = readTable(path, {
    label: null, schema, keep, ...(encoder.missingValues && { missingValues: encoder.missingValues }),
    onHeader: (names) => checkColumns(path, names, encoder, keep),
  });
  const kept = keep.map((name) => table.columns.find((c) => c.name === name) as CategoricalColumn);
  const cells = Array.from({ length: table.rows }, (_, i) => kept.map((c) => c.levels[c.codes[i]!]!));
  return { probabilities: model.predictTable!(table), keep: cells };
}
