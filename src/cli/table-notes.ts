import type { Splits } from '../data/prepare.ts';
import { describeTable } from '../study/data.ts';

/**
 * Writes what reading and encoding a CSV table noted (columns dropped, levels merged) to
 * stderr, one line each: stdout stays the command's output (one JSON object under --json).
 *
 * @example
 * printTableNotes(splits); // column "empty" of d.csv is empty in every row; dropped
 */
export function printTableNotes(splits: Pick<Splits, 'tabular' | 'encoder'>): void {
  for (const note of describeTable(splits)?.notes ?? []) process.stderr.write(`note: ${note}\n`);
}
