import { kernelMatrix, matmulTransB, sliceRows, type Matrix } from '../src/plugin.ts';

/** `(k, rows)` → the k nearest points of each of `rows`, nearest first, row r's at [r·k, r·k + k). */
export type Search = (k: number, rows: ArrayLike<number>) => Int32Array;

/** Products per query block (~16 MB of float32), whatever the number of points. */
const blockProducts = 4_000_000;

/**
 * The exact k-nearest-neighbour scan (Euclidean), with the neighbours an exact float64
 * scan finds (distance Σ_j (a_j − b_j)² summed in float64, ties broken by the lower index):
 *
 * 1. a block of queries against all points through the float32 matrix kernel,
 *    d̃ = ‖q‖² + ‖x‖² − 2·q·x (the norms in float64, once);
 * 2. each d̃ is within e = 2·(d + 4)·2⁻²⁴·‖q‖‖x‖ + 2⁻⁴⁰·(‖q‖² + ‖x‖²) of the exact
 *    float64 distance (the float32 dot product's error bound, inputs rounded to float32
 *    included, plus far more than float64's own rounding of either sum), so a partial
 *    selection of the k smallest upper bounds d̃ + e gives U ≥ the k-th exact distance;
 * 3. every point with d̃ − e ≤ U is a candidate (few beyond k), and only those get
 *    the exact float64 distance, from which the k smallest are selected.
 *
 * Buffers are allocated once per search, none per row.
 */
export function scanSearch(points: Matrix): Search {
  const { rows: n, cols: d, data } = points;
  const single = kernelMatrix(n, d);
  single.data.set(data);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += data[i * d + j]! ** 2;
    norms[i] = s;
  }
  const roots = norms.map(Math.sqrt);
  const slack = 2 * (d + 4) * 2 ** -24;
  const error = (i: number, j: number) => slack * roots[i]! * roots[j]! + 2 ** -40 * (norms[i]! + norms[j]!);
  const block = Math.max(1, Math.min(256, Math.floor(blockProducts / n)));
  const queries = kernelMatrix(block, d);
  const products = kernelMatrix(block, n);
  const candidates = new Int32Array(n);
  return (k, rows) => {
    const out = new Int32Array(rows.length * k);
    const bound = new Float64Array(k);
    const best = new Float64Array(k);
    const bestIndex = new Int32Array(k);
    for (let start = 0; start < rows.length; start += block) {
      const size = Math.min(block, rows.length - start);
      for (let r = 0; r < size; r++) queries.data.set(single.data.subarray(rows[start + r]! * d, (rows[start + r]! + 1) * d), r * d);
      matmulTransB(sliceRows(queries, 0, size), single, sliceRows(products, 0, size));
      for (let r = 0; r < size; r++) {
        const self = rows[start + r]!;
        const p = products.data.subarray(r * n, (r + 1) * n);
        // The k smallest upper bounds, by insertion into a sorted buffer of k.
        bound.fill(Infinity);
        for (let j = 0; j < n; j++) {
          if (j === self) continue;
          const upper = norms[self]! + norms[j]! - 2 * p[j]! + error(self, j);
          if (upper < bound[k - 1]!) insert(bound, null, upper, 0);
        }
        const limit = bound[k - 1]!;
        let count = 0;
        for (let j = 0; j < n; j++) {
          if (j !== self && norms[self]! + norms[j]! - 2 * p[j]! - error(self, j) <= limit) candidates[count++] = j;
        }
        // Exact distances of the candidates, in increasing index: strict < keeps the lower index on ties.
        best.fill(Infinity);
        for (let c = 0; c < count; c++) {
          const j = candidates[c]!;
          let s = 0;
          for (let f = 0; f < d; f++) s += (data[self * d + f]! - data[j * d + f]!) ** 2;
          if (s < best[k - 1]!) insert(best, bestIndex, s, j);
        }
        out.set(bestIndex, (start + r) * k);
      }
    }
    return out;
  };
}

/**
 * Inserts `value` (and its `index`) into the ascending `values`, dropping the last; ties keep earlier entries first.
 *
 * @example
 * if (d < best[k - 1]!) insert(best, bestIndex, d, j);
 */
export function insert(values: Float64Array, indices: Int32Array | null, value: number, index: number): void {
  let m = values.length - 1;
  while (m > 0 && values[m - 1]! > value) {
    values[m] = values[m - 1]!;
    if (indices) indices[m] = indices[m - 1]!;
    m--;
  }
  values[m] = value;
  if (indices) indices[m] = index;
}
