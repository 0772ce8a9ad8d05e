// SMOTE: Chawla, Bowyer, Hall & Kegelmeyer (2002), "SMOTE: Synthetic Minority Over-sampling
// Technique", JAIR 16. A synthetic sample is x + u·(x̂ − x): x a sample of the class, x̂ one
// of x's k nearest neighbours within the class, u ~ U(0, 1). On categorical columns it is
// the paper's SMOTE-NC (§6.1) or SMOTE-N (§6.2): see smote-variant.ts.

import type { Strategy } from '../src/plugin.ts';
import { integerAtLeast, maxNeighbours, ratioInRange } from './options.ts';
import type { Resampler } from './resampled.ts';
import { resampling } from './resampling.ts';
import { smoteFamily } from './smote-family.ts';
import type { SmoteVariant } from './smote-variant.ts';

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
 * A class that needs rows but has fewer than 2 is an InputError. On data with categorical
 * groups it runs SMOTE-NC (numeric columns too) or SMOTE-N (none), or the `variant` named.
 *
 * @example
 * const { data, synthetic } = smoteResampler({ k: 5 })(train, createRng(1));
 * synthetic.parent[0]; synthetic.neighbour[0]; synthetic.factor[0]; // where row n came from
 * smoteResampler({ k: 3 }, 'smote-nc'); // refuses data without categorical and numeric columns
 */
export function smoteResampler(options: SmoteOptions = {}, variant: SmoteVariant = 'auto'): Resampler {
  const name = variant === 'auto' ? 'smote' : variant;
  const k = integerAtLeast(name, 'k', options.k ?? 5, 1, maxNeighbours);
  const ratio = ratioInRange(name, options.ratio ?? 1);
  return smoteFamily(name, k, ratio, () => ({ rows, count }, rng) => Int32Array.from({ length: count }, () => rng.int(rows.length)), variant);
}

/**
 * The SMOTE strategy: the training split is over-sampled with `smoteResampler` before training.
 *
 * @example
 * resolveStrategy('smote:k=3,ratio=0.5'); // same as smote({ k: 3, ratio: 0.5 })
 * resolveStrategy('smote-nc:k=3'); // same as smote({ k: 3 }, 'smote-nc')
 */
export function smote(options: SmoteOptions = {}, variant: SmoteVariant = 'auto'): Strategy {
  return resampling(variant === 'auto' ? 'smote' : variant, smoteResampler(options, variant));
}
