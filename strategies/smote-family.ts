// The skeleton that SMOTE (Chawla et al. 2002), borderline-SMOTE (Han et al. 2005) and ADASYN
// (He et al. 2008) share, as imbalanced-learn's BaseSMOTE shares it: each smaller class grows
// to round(ratio × the largest count) with rows x + u·(x̂ − x), x̂ one of x's k nearest
// same-class neighbours. The members differ only in which rows seed the synthetic ones.

import { classCounts, indicesByClass, takeRows, type Dataset, type Rng } from '../src/plugin.ts';
import { neighbourIndex, neighboursFor } from './neighbours.ts';
import { provenance, withSynthetic, type Provenance, type Resampler } from './resampled.ts';
import { requireTwoClasses, rowsToAdd } from './targets.ts';

/** A class that needs rows: its index, name, rows (indices into the data) and how many rows it needs. */
export interface GrowingClass {
  c: number;
  name: string;
  rows: readonly number[];
  count: number;
}

/**
 * What a member of the family decides, once per resampling of `data`: for each class that
 * grows, the seed of each new row (positions in the class's rows), noting any warning.
 */
export type SeedChooser = (data: Dataset) => (grow: GrowingClass, rng: Rng, warnings: string[]) => ArrayLike<number>;

/**
 * Fills plan rows from `start` on: for each pick i (a position in `rows`), a random one of
 * its `k` neighbours (positions in `rows`, k per pick's row) and u ~ U(0, 1). Returns the
 * next free plan row.
 *
 * @example
 * next = interpolate(plan, next, classRows, picks, neighbourIndex(points).nearest(k), k, rng);
 */
export function interpolate(
  plan: Provenance, start: number, rows: readonly number[], picks: ArrayLike<number>,
  neighbours: Int32Array, k: number, rng: Rng,
): number {
  let r = start;
  for (let s = 0; s < picks.length; s++, r++) {
    const i = picks[s]!;
    plan.parent[r] = rows[i]!;
    plan.neighbour[r] = rows[neighbours[i * k + rng.int(k)]!]!;
    plan.factor[r] = rng.uniform();
  }
  return r;
}

/**
 * A resampler of the SMOTE family named `name`: checks two classes, works out how many rows
 * each class needs, lets `seeds` choose their seeds, and interpolates each towards one of its
 * seed's k nearest same-class neighbours (fewer in a class of k or fewer rows, with a warning).
 *
 * @example
 * const smoteResampler = smoteFamily('smote', 5, 1, () => (grow, rng) => Int32Array.from({ length: grow.count }, () => rng.int(grow.rows.length)));
 */
export function smoteFamily(name: string, k: number, ratio: number, seeds: SeedChooser): Resampler {
  return (data, rng) => {
    requireTwoClasses(name, data);
    const add = rowsToAdd(classCounts(data), ratio);
    const groups = indicesByClass(data);
    const plan = provenance(add.reduce((a, b) => a + b, 0));
    const warnings: string[] = [];
    const seedsOf = add.some((a) => a > 0) ? seeds(data) : null;
    let next = 0;
    add.forEach((count, c) => {
      if (count === 0) return;
      const rows = groups[c]!;
      const kc = neighboursFor(name, data.classNames[c]!, rows.length, k, warnings);
      const picks = seedsOf!({ c, name: data.classNames[c]!, rows, count }, rng, warnings);
      const neighbours = neighbourIndex(takeRows(data.x, rows)).nearest(kc);
      next = interpolate(plan, next, rows, picks, neighbours, kc, rng);
    });
    return withSynthetic(data, plan, warnings);
  };
}
