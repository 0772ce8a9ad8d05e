// ADASYN: He, Bai, Garcia & Li (2008), "ADASYN: Adaptive Synthetic Sampling Approach for
// Imbalanced Learning", IJCNN. Like SMOTE, but a sample seeds synthetic rows in proportion
// to how many of its K nearest neighbours (in the whole data) belong to other classes:
// the harder a region, the more samples it gets. On mixed or categorical data the neighbours
// are SMOTE-NC's or SMOTE-N's, and so are the categories.

import type { Strategy } from '../src/plugin.ts';
import { integerAtLeast, maxNeighbours, ratioInRange } from './options.ts';
import type { Resampler } from './resampled.ts';
import { resampling } from './resampling.ts';
import { smoteFamily } from './smote-family.ts';

/** ADASYN's options (`adasyn:k=5,ratio=1`). */
export interface AdasynOptions {
  /** Neighbours for both the difficulty ratio and the interpolation (default 5). */
  k?: number;
  /** Smallest / largest class after resampling, in (0, 1] (default 1: balanced; the paper's β). */
  ratio?: number;
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder; ties to the
 * lower index), so the paper's g_i = r̂_i · G add up to exactly G.
 *
 * @example
 * apportion([1, 1, 2], 5); // [1, 1, 3]
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/**
 * The ADASYN resampler: each smaller class grows to round(ratio × the largest count); the
 * G rows it needs are shared among its samples in proportion to r_i = Δ_i / K (Δ_i of the
 * K nearest neighbours in another class), each then interpolated towards one of the
 * sample's k nearest same-class neighbours. If no sample of a class has a neighbour in
 * another class, r is uniform (plain SMOTE) and a warning says so.
 *
 * @example
 * const { data } = adasynResampler({ k: 5 })(train, createRng(1));
 */
export function adasynResampler(options: AdasynOptions = {}): Resampler {
  const k = integerAtLeast('adasyn', 'k', options.k ?? 5, 1, maxNeighbours);
  const ratio = ratioInRange('adasyn', options.ratio ?? 1);
  return smoteFamily('adasyn', k, ratio, (data) => {
    const kAll = Math.min(k, data.y.length - 1);
    return ({ c, name, rows, count, around: nearest }, _rng, warnings) => {
      const around = nearest(kAll);
      let difficulty = rows.map((_, i) => {
        let others = 0;
        for (let j = 0; j < kAll; j++) if (data.y[around[i * kAll + j]!] !== c) others++;
        return others / kAll;
      });
      if (difficulty.every((r) => r === 0)) {
        warnings.push(`adasyn: no sample of class "${name}" has a neighbour of another class, so all seed equally`);
        difficulty = difficulty.map(() => 1);
      }
      return apportion(difficulty, count).flatMap((g, i) => new Array<number>(g).fill(i));
    };
  });
}

/**
 * The ADASYN strategy: the training split is over-sampled before training.
 *
 * @example
 * resolveStrategy('adasyn:k=5'); // same as adasyn({ k: 5 })
 */
export function adasyn(options: AdasynOptions = {}): Strategy {
  return resampling('adasyn', adasynResampler(options));
}
