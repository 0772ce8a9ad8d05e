import { classCounts, indicesByClass, type Strategy } from '../src/plugin.ts';
import { ratioInRange } from './options.ts';
import { keepOnly, type Resampler } from './resampled.ts';
import { resampling } from './resampling.ts';
import { requireTwoClasses, rowsToKeep } from './targets.ts';

/** Random under-sampling's options (`random-under:ratio=1`). */
export interface RandomUnderOptions {
  /** Smallest / largest class after resampling, in (0, 1] (default 1: every class cut to the smallest). */
  ratio?: number;
}

/**
 * Random under-sampling, imbalanced-learn's RandomUnderSampler: each class larger than
 * round(smallest / ratio) keeps that many of its rows, drawn without replacement; the kept
 * rows stay in input order and unchanged.
 *
 * @example
 * const { data, kept } = randomUnderResampler()(train, createRng(1));
 */
export function randomUnderResampler(options: RandomUnderOptions = {}): Resampler {
  const ratio = ratioInRange('random-under', options.ratio ?? 1);
  return (data, rng) => {
    requireTwoClasses('random-under', data);
    const keep = rowsToKeep(classCounts(data), ratio);
    const kept = indicesByClass(data).flatMap((rows, c) => rng.shuffle([...rows]).slice(0, keep[c]));
    return keepOnly(data, Int32Array.from(kept).sort());
  };
}

/**
 * The random under-sampling strategy: the training split is cut down before training.
 *
 * @example
 * resolveStrategy('random-under:ratio=0.5');
 */
export function randomUnder(options: RandomUnderOptions = {}): Strategy {
  return resampling('random-under', randomUnderResampler(options));
}
