import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { argmaxRows } from '../tensor/elementwise.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { csvField } from './csv-field.ts';

/**
 * Writes the test split's predictions as `predict --proba` writes a file's: a `predicted`
 * column and one `p_CLASS` column per class (shortest round-trip decimals), one row per test
 * row in the test split's order; through a temporary file and a rename, a row at a time.
 *
 * @example
 * writeTestPredictions('test-predictions.csv', probabilities, classNames);
 */
export function writeTestPredictions(path: string, probabilities: Matrix, classes: readonly string[]): void {
  const k = classes.length;
  const labels = new Int32Array(probabilities.rows);
  argmaxRows(probabilities, labels);
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, `${['predicted', ...classes.map((c) => `p_${c}`)].map(csvField).join(',')}\n`);
    for (let i = 0; i < probabilities.rows; i++) {
      const p = Array.from(probabilities.data.subarray(i * k, (i + 1) * k), String);
      writeSync(fd, `${[classes[labels[i]!]!, ...p].map(csvField).join(',')}\n`);
    }
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
