// SMOTE: Chawla, Bowyer, Hall & Kegelmeyer (2002), "SMOTE: Synthetic Minority Over-sampling
// Technique", JAIR 16. A synthetic sample is x + u·(x̂ − x): x a sample of the class, x̂ one
// of x's k nearest neighbours within the class, u ~ U(0, 1).

import { classCounts, indicesByClass, takeRows, type Rng, type Strategy } from '../src/index.ts';
import { neighbourIndex, neighboursFor } from './neighbours.ts';
import { integerAtLeast, maxNeighbours, ratioInRange } from './options.ts';
import { provenance, withSynthetic, type Provenance, type Resampler } from './resampled.ts';
import { resampling } from './resampling.ts';
import { requireTwoClasses, rowsToAdd } from './targets.ts';

export interface SmoteOptions {
  /** Neighbours to interpolate towards (default 5); a class of k or fewer rows uses size − 1. */
  k?: number;
  /** Smallest / largest class after resampling, in (0, 1] (default 1: balanced). */
  ratio?: number;
}

/**
 * The SMOTE resampler: every smaller class gets synthetic rows until it reaches
 * round(ratio × the largest count); each picks a random row of the class, one of its k
 * nearest same-class neighbours at random, and a point uniformly between them.
 * A class that needs rows but has fewer than 2 is an InputError.
 *
 * @example
 * const { data, synthetic } = smoteResampler({ k: 5 })(train, createRng(1));
 * synthetic.parent[0]; synthetic.neighbour[0]; synthetic.factor[0]; // where row n came from
 */
export function smoteResampler(options: SmoteOptions = {}): Resampler {
  const k = integerAtLeast('smote', 'k', options.k ?? 5, 1, maxNeighbours);
  const ratio = ratioInRange('smote', options.ratio ?? 1);
  return (data, rng) => {
    requireTwoClasses('smote', data);
    const add = rowsToAdd(classCounts(data), ratio);
    const groups = indicesByClass(data);
    const plan = provenance(add.reduce((a, b) => a + b, 0));
    const warnings: string[] = [];
    let next = 0;
    add.forEach((count, c) => {
      if (count === 0) return;
      const rows = groups[c]!;
      const kc = neighboursFor('smote', data.classNames[c]!, rows.length, k, warnings);
      const neighbours = neighbourIndex(takeRows(data.x, rows)).nearest(kc);
      const picks = Int32Array.from({ length: count }, () => rng.int(rows.length));
      next = interpolate(plan, next, rows, picks, neighbours, kc, rng);
    });
    return withSynthetic(data, plan, warnings);
  };
}

/**
 * Fills plan rows from `start` on: for each pick i (a position in `rows`), a random one of
 * its `k` neighbours (positions in `rows`, k per pick's row) and u ~ U(0, 1). Shared by
 * the SMOTE family. Returns the next free plan row.
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
 * The SMOTE strategy: the training split is over-sampled with `smoteResampler` before training.
 *
 * @example
 * resolveStrategy('smote:k=3,ratio=0.5'); // same as smote({ k: 3, ratio: 0.5 })
 */
export function smote(options: SmoteOptions = {}): Strategy {
  return resampling('smote', smoteResampler(options));
}
