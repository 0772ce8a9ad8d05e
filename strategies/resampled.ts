import { matrix, dtypeOf, takeRows, type CategoricalGroup, type Dataset, type Matrix, type Rng } from '../src/plugin.ts';

/**
 * Where each synthetic row came from: row = x[parent] + factor · (x[neighbour] − x[parent]),
 * labelled like its parent. A plain copy (bootstrap) has neighbour −1 and factor NaN. With
 * `categories`, each categorical group's block then holds the level voted for it instead.
 */
export interface Provenance {
  parent: Int32Array;
  neighbour: Int32Array;
  factor: Float64Array;
  /** The level of each categorical group in each row (row r's group g at r·G + g; −1: none), when voted (SMOTE-NC, SMOTE-N). */
  categories?: Int32Array;
}

/** A resampler's output: the kept input rows in input order, then the synthetic rows. */
export interface Resampled {
  data: Dataset;
  /** Input rows kept, ascending; they are `data`'s first rows, unchanged. */
  kept: Int32Array;
  /** One entry per synthetic row, in the order they follow the kept rows. */
  synthetic: Provenance;
  /** Things the caller should tell the user (e.g. a class too small for k neighbours). */
  warnings: string[];
}

/**
 * A pure resampling of a training split; the same data and RNG state give the same output.
 * `resampling()` turns one into a strategy.
 *
 * @example
 * const { data, synthetic } = smoteResampler({ k: 5 })(train, createRng(1));
 */
export type Resampler = (data: Dataset, rng: Rng) => Resampled;

/**
 * Room for `size` synthetic rows, filled by an algorithm; with `groups` > 0, room for the
 * level voted in each of that many categorical groups too.
 *
 * @example
 * const plan = provenance(3); plan.parent[0] = 7; // a copy of row 7
 */
export function provenance(size: number, groups = 0): Provenance {
  const plan = { parent: new Int32Array(size), neighbour: new Int32Array(size).fill(-1), factor: new Float64Array(size).fill(NaN) };
  return groups > 0 ? { ...plan, categories: new Int32Array(size * groups).fill(-1) } : plan;
}

/**
 * All input rows, then the synthetic rows that `plan` describes.
 *
 * @example
 * return withSynthetic(data, plan, warnings);
 */
export function withSynthetic(ds: Dataset, plan: Provenance, warnings: string[] = []): Resampled {
  const n = ds.y.length;
  const { cols } = ds.x;
  const size = plan.parent.length;
  const x = matrix(n + size, cols, dtypeOf(ds.x));
  x.data.set(ds.x.data);
  const y = new Int32Array(n + size);
  y.set(ds.y);
  const source = ds.x.data;
  for (let r = 0; r < size; r++) {
    const p = plan.parent[r]! * cols;
    const q = plan.neighbour[r]!;
    const o = (n + r) * cols;
    y[n + r] = ds.y[plan.parent[r]!]!;
    if (q < 0) {
      x.data.set(source.subarray(p, p + cols), o);
      continue;
    }
    const u = plan.factor[r]!;
    const qo = q * cols;
    for (let j = 0; j < cols; j++) x.data[o + j] = source[p + j]! + u * (source[qo + j]! - source[p + j]!);
  }
  if (plan.categories) setLevels(x, n, ds.categorical ?? [], plan.categories);
  return { data: { ...ds, x, y }, kept: Int32Array.from({ length: n }, (_, i) => i), synthetic: plan, warnings };
}

/** Writes each synthetic row's voted levels (rows from `first` on) into its one-hot blocks. */
function setLevels(x: Matrix, first: number, groups: readonly CategoricalGroup[], levels: Int32Array): void {
  const G = groups.length;
  for (let r = 0; r < levels.length / G; r++) {
    groups.forEach((g, h) => {
      const at = (first + r) * x.cols + g.start;
      x.data.fill(0, at, at + g.levels.length);
      const level = levels[r * G + h]!;
      if (level >= 0) x.data[at + level] = 1;
    });
  }
}

/**
 * Only the input rows `kept` (ascending), nothing synthetic.
 *
 * @example
 * keepOnly(data, Int32Array.of(0, 2, 5));
 */
export function keepOnly(ds: Dataset, kept: Int32Array): Resampled {
  const y = Int32Array.from(kept, (i) => ds.y[i]!);
  return { data: { ...ds, x: takeRows(ds.x, kept), y }, kept, synthetic: provenance(0), warnings: [] };
}
