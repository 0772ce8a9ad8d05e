import { classCounts, indicesByClass, subset, type Dataset, type Rng, type Strategy } from '../src/plugin.ts';
import { bagging } from './bagging.ts';
import { integerAtLeast, maxBagging, ratioInRange } from './options.ts';
import { provenance, withSynthetic, type Resampler } from './resampled.ts';
import { resampling } from './resampling.ts';
import { requireTwoClasses, rowsToAdd } from './targets.ts';

/** The bootstrap's options (`bootstrap:ratio=1,bagging=5`). */
export interface BootstrapOptions {
  /** Smallest / largest class after resampling, in (0, 1] (default 1: balanced). */
  ratio?: number;
  /** Train this many models on separate bootstrap samples and average their probabilities (default: one model, no bagging). */
  bagging?: number;
}

/**
 * Class-balanced bootstrap, imbalanced-learn's RandomOverSampler: keeps every row and adds
 * copies drawn with replacement from each smaller class until it reaches round(ratio × the
 * largest count). A copy's provenance is its parent row (no neighbour, no factor).
 *
 * @example
 * const { data } = bootstrapResampler({ ratio: 1 })(train, createRng(1)); // classes balanced
 */
export function bootstrapResampler(options: Pick<BootstrapOptions, 'ratio'> = {}): Resampler {
  const ratio = ratioInRange('bootstrap', options.ratio ?? 1);
  return (data, rng) => {
    requireTwoClasses('bootstrap', data);
    return withSynthetic(data, draws(data, rng, rowsToAdd(classCounts(data), ratio)));
  };
}

/**
 * A bootstrap sample per class for one bagged model: each class redrawn with replacement to
 * its target size max(n_c, round(ratio × largest)), originals not kept, so that the members
 * see different data (Breiman 1996).
 *
 * @example
 * const { data } = bootstrapSample({ ratio: 1 })(train, createRng('bag0'));
 */
export function bootstrapSample(options: Pick<BootstrapOptions, 'ratio'> = {}): Resampler {
  const ratio = ratioInRange('bootstrap', options.ratio ?? 1);
  return (data, rng) => {
    requireTwoClasses('bootstrap', data);
    const counts = classCounts(data);
    const sizes = rowsToAdd(counts, ratio).map((add, c) => add + counts[c]!);
    const plan = draws(data, rng, sizes);
    return { data: subset(data, plan.parent), kept: new Int32Array(0), synthetic: plan, warnings: [] };
  };
}

/** `sizes[c]` rows of class c drawn with replacement, as copies. */
function draws(data: Dataset, rng: Rng, sizes: readonly number[]) {
  const groups = indicesByClass(data);
  const plan = provenance(sizes.reduce((a, b) => a + b, 0));
  let r = 0;
  sizes.forEach((size, c) => {
    const rows = groups[c]!;
    for (let s = 0; s < size; s++) plan.parent[r++] = rows[rng.int(rows.length)]!;
  });
  return plan;
}

/**
 * The bootstrap strategy: resample the training split as `bootstrapResampler` does, or
 * with `bagging: B`, train B models on `bootstrapSample`s and average them.
 *
 * @example
 * resolveStrategy('bootstrap:bagging=5'); // same as bootstrap({ bagging: 5 })
 */
export function bootstrap(options: BootstrapOptions = {}): Strategy {
  if (options.bagging === undefined) return resampling('bootstrap', bootstrapResampler(options));
  return bagging('bootstrap', integerAtLeast('bootstrap', 'bagging', options.bagging, 1, maxBagging), bootstrapSample(options));
}
