// SMOTE: Chawla, Bowyer, Hall & Kegelmeyer (2002), "SMOTE: Synthetic Minority Over-sampling
// Technique", JAIR 16. A synthetic sample is x + u·(x̂ − x): x a sample of the class, x̂ one
// of x's k nearest neighbours within the class, u ~ U(0, 1).

import type { Strategy } from '../src/plugin.ts';
import { integerAtLeast, maxNeighbours, ratioInRange } from './options.ts';
import type { Resampler } from './resampled.ts';
import { resampling } from './resampling.ts';
import { smoteFamily } from './smote-family.ts';

/** SMOTE's options (`smote:k=5,ratio=1`). */
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
  return smoteFamily('smote', k, ratio, () => ({ rows, count }, rng) => Int32Array.from({ length: count }, () => rng.int(rows.length)));
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
