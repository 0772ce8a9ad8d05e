import { takeRows, type Matrix } from '../tensor/matrix.ts';

/**
 * Labelled examples: row i of `x` has class `y[i]`, an index into `classNames`.
 *
 * @example
 * const counts = classCounts(ds); // [n0, n1, …]
 */
export interface Dataset {
  readonly x: Matrix;
  readonly y: Int32Array;
  readonly classNames: readonly string[];
  readonly featureNames: readonly string[];
  /**
   * Categorical source columns, each one-hot encoded in `x` as `levels.length` adjacent columns
   * from `start`; every column outside these groups is numeric. Absent: all columns are numeric.
   */
  readonly categorical?: readonly CategoricalGroup[];
}

/** One categorical source column as its one-hot block in the encoded matrix. */
export interface CategoricalGroup {
  /** The source column's name. */
  readonly name: string;
  /** The first encoded column of the block. */
  readonly start: number;
  /** The level of each encoded column, in order (including `other` and `missing` levels where present). */
  readonly levels: readonly string[];
}

/**
 * Number of examples of each class, indexed like `classNames`.
 *
 * @example
 * classCounts({ x: matrix(3, 1), y: Int32Array.of(0, 1, 1), classNames: ['a', 'b'], featureNames: ['f'] }); // [1, 2]
 */
export function classCounts(ds: Dataset): number[] {
  const counts = new Array<number>(ds.classNames.length).fill(0);
  for (const label of ds.y) counts[label]!++;
  return counts;
}

/** The examples at `indices`, in that order (indices may repeat: bootstrap). */
export function subset(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) y[i] = ds.y[indices[i]!]!;
  return { ...ds, x: takeRows(ds.x, indices), y };
}

/** Indices of the examples of each class. */
export function indicesByClass(ds: Dataset): number[][] {
  const groups: number[][] = ds.classNames.map(() => []);
  ds.y.forEach((label, i) => groups[label]!.push(i));
  return groups;
}
