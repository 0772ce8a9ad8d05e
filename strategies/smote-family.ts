// The skeleton that SMOTE (Chawla et al. 2002), borderline-SMOTE (Han et al. 2005) and ADASYN
// (He et al. 2008) share, as imbalanced-learn's BaseSMOTE shares it: each smaller class grows
// to round(ratio × the largest count) with rows x + u·(x̂ − x), x̂ one of x's k nearest
// same-class neighbours. The members differ only in which rows seed the synthetic ones; the
// variant (smote-variant.ts) decides the distance and the categories on mixed data.

import { classCounts, indicesByClass, type Dataset, type Rng } from '../src/plugin.ts';
import { neighboursFor } from './neighbours.ts';
import { provenance, withSynthetic, type Resampler } from './resampled.ts';
import { resolveVariant, type SmoteVariant } from './smote-variant.ts';
import { requireTwoClasses, rowsToAdd } from './targets.ts';

/**
 * A class that needs rows: its index, name, rows (indices into the data), how many rows it
 * needs, and the k nearest rows of the whole data of each of its rows (row indices, row i's
 * at [i·k, i·k + k)) under the variant's distance.
 */
export interface GrowingClass {
  c: number;
  name: string;
  rows: readonly number[];
  count: number;
  around(k: number): Int32Array;
}

/**
 * What a member of the family decides, once per resampling of `data`: for each class that
 * grows, the seed of each new row (positions in the class's rows), noting any warning.
 */
export type SeedChooser = (data: Dataset) => (grow: GrowingClass, rng: Rng, warnings: string[]) => ArrayLike<number>;

/**
 * A resampler of the SMOTE family named `name`: checks two classes, works out how many rows
 * each class needs, lets `seeds` choose their seeds, and makes each new row from its seed's k
 * nearest same-class neighbours (fewer in a class of k or fewer rows, with a warning) as the
 * `variant` does: by default SMOTE on numeric data, SMOTE-NC on mixed, SMOTE-N on categorical.
 *
 * @example
 * const smoteResampler = smoteFamily('smote', 5, 1, () => (grow, rng) => Int32Array.from({ length: grow.count }, () => rng.int(grow.rows.length)));
 */
export function smoteFamily(name: string, k: number, ratio: number, seeds: SeedChooser, variant: SmoteVariant = 'auto'): Resampler {
  return (data, rng) => {
    requireTwoClasses(name, data);
    const add = rowsToAdd(classCounts(data), ratio);
    const groups = indicesByClass(data);
    const resolved = resolveVariant(name, variant, data);
    const plan = provenance(add.reduce((a, b) => a + b, 0), resolved.groups);
    const warnings: string[] = [];
    const seedsOf = add.some((a) => a > 0) ? seeds(data) : null;
    let next = 0;
    add.forEach((count, c) => {
      if (count === 0) return;
      const rows = groups[c]!;
      const kc = neighboursFor(name, data.classNames[c]!, rows.length, k, warnings);
      const near = resolved.neighbours(rows);
      const picks = seedsOf!({ c, name: data.classNames[c]!, rows, count, around: near.among }, rng, warnings);
      next = resolved.fill(plan, next, rows, picks, near.within(kc), kc, rng);
    });
    return withSynthetic(data, plan, warnings);
  };
}
