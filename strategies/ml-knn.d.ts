// Types for the part of ml-knn (which ships none) that the neighbour search uses.
declare module 'ml-knn' {
  /** A stored point: its coordinates followed by its label. */
  type LabelledPoint = number[];

  export default class KNN {
    constructor(
      dataset: number[][],
      labels: number[],
      options?: { k?: number; distance?: (a: ArrayLike<number>, b: LabelledPoint) => number },
    );
    /** The k-d tree over the labelled points; `nearest` returns [point, distance] pairs, unordered. */
    readonly kdTree: { nearest(point: readonly number[], count: number): [LabelledPoint, number][] };
  }
}
