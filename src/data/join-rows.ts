import { dtypeOf, matrix } from '../tensor/matrix.ts';
import type { Dataset } from './dataset.ts';

/**
 * The rows of `a` then those of `b`, as one dataset (same columns and classes; `a`'s names).
 *
 * @example
 * const all = joinRows(splits.train, splits.validation); // the training file's rows, for CV and the refit
 */
export function joinRows(a: Dataset, b: Dataset): Dataset {
  if (a.x.cols !== b.x.cols) throw new RangeError(`joinRows: ${a.x.cols} columns against ${b.x.cols}`);
  const x = matrix(a.x.rows + b.x.rows, a.x.cols, dtypeOf(a.x));
  x.data.set(a.x.data, 0);
  x.data.set(b.x.data, a.x.data.length);
  const y = new Int32Array(a.y.length + b.y.length);
  y.set(a.y, 0);
  y.set(b.y, a.y.length);
  return { ...a, x, y };
}
