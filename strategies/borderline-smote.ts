// Borderline-SMOTE: Han, Wang & Mao (2005), "Borderline-SMOTE: A New Over-Sampling Method in
// Imbalanced Data Sets Learning", ICIC. Only the class's samples "in danger" — most, but not
// all, of whose m nearest neighbours in the whole data belong to other classes — seed
// synthetic samples (the paper's borderline-SMOTE1: neighbours x̂ from the same class). On mixed
// or categorical data the neighbours are SMOTE-NC's or SMOTE-N's, and so are the categories.

import type { Dataset, Strategy } from '../src/plugin.ts';
import { integerAtLeast, maxNeighbours, ratioInRange } from './options.ts';
import type { Resampler } from './resampled.ts';
import { resampling } from './resampling.ts';
import { smoteFamily } from './smote-family.ts';

/** Borderline-SMOTE's options (`borderline-smote:k=5,m=10,ratio=1`). */
export interface BorderlineSmoteOptions {
  /** Same-class neighbours to interpolate towards (default 5). */
  k?: number;
  /** Neighbours in the whole data that decide whether a sample is in danger (default 10). */
  m?: number;
  /** Smallest / largest class after resampling, in (0, 1] (default 1: balanced). */
  ratio?: number;
}

/**
 * The rows of `rows` in danger: with m′ of their m nearest neighbours (among all rows) in
 * another class, m/2 ≤ m′ < m. At m′ = m a sample is taken for noise and left out.
 */
function inDanger(data: Dataset, rows: readonly number[], neighbours: Int32Array, m: number): number[] {
  const danger: number[] = [];
  rows.forEach((row, i) => {
    let others = 0;
    for (let j = 0; j < m; j++) if (data.y[neighbours[i * m + j]!] !== data.y[row]) others++;
    if (others >= m / 2 && others < m) danger.push(i);
  });
  return danger;
}

/**
 * The borderline-SMOTE resampler: each smaller class grows to round(ratio × the largest
 * count) with synthetic rows seeded by its samples in danger, picked at random. When a class
 * has no sample in danger (it is far from the others, or all noise), all its samples seed,
 * as in plain SMOTE, and a warning says so, so that the counts still match what was asked.
 *
 * @example
 * const { data } = borderlineSmoteResampler({ k: 5, m: 10 })(train, createRng(1));
 */
export function borderlineSmoteResampler(options: BorderlineSmoteOptions = {}): Resampler {
  const name = 'borderline-smote';
  const k = integerAtLeast(name, 'k', options.k ?? 5, 1, maxNeighbours);
  const m = integerAtLeast(name, 'm', options.m ?? 10, 1, maxNeighbours);
  const ratio = ratioInRange(name, options.ratio ?? 1);
  return smoteFamily(name, k, ratio, (data) => {
    const mAll = Math.min(m, data.y.length - 1);
    return ({ name: className, rows, count, around }, rng, warnings) => {
      let seeds = inDanger(data, rows, around(mAll), mAll);
      if (seeds.length === 0) {
        warnings.push(`${name}: class "${className}" has no sample in danger, so all its samples seed synthetic ones`);
        seeds = rows.map((_, i) => i);
      }
      return Int32Array.from({ length: count }, () => seeds[rng.int(seeds.length)]!);
    };
  });
}

/**
 * The borderline-SMOTE strategy: the training split is over-sampled before training.
 *
 * @example
 * resolveStrategy('borderline-smote:m=10'); // same as borderlineSmote({ m: 10 })
 */
export function borderlineSmote(options: BorderlineSmoteOptions = {}): Strategy {
  return resampling('borderline-smote', borderlineSmoteResampler(options));
}
