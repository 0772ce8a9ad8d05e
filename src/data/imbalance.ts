import { InputError } from '../errors.ts';
import type { Rng } from '../tensor/rng.ts';
import { classCounts, indicesByClass, subset, type Dataset } from './dataset.ts';

/**
 * How to make a training split imbalanced:
 * - `lt`: long-tailed; class sizes fall exponentially with the class index, largest/smallest = ratio;
 * - `minority`: binary; class 0 against the rest, class 0 kept at `fraction` of the split.
 */
export type Imbalance = { kind: 'lt'; ratio: number } | { kind: 'minority'; fraction: number };

/**
 * Parses `lt:100` or `minority:0.05`; throws a RangeError that names the rule broken.
 *
 * @example
 * parseImbalance('lt:100'); // { kind: 'lt', ratio: 100 }
 */
export function parseImbalance(spec: string): Imbalance {
  const [kind, value, ...rest] = spec.split(':');
  const v = Number(value);
  if (rest.length === 0 && kind === 'lt' && Number.isFinite(v) && v >= 1) return { kind: 'lt', ratio: v };
  if (rest.length === 0 && kind === 'minority' && v > 0 && v < 1) return { kind: 'minority', fraction: v };
  throw new RangeError(`--imbalance must be lt:R with R >= 1 or minority:P with 0 < P < 1, got "${spec}"`);
}

/**
 * An imbalance as its spec, the inverse of `parseImbalance`.
 *
 * @example
 * imbalanceSpec({ kind: 'lt', ratio: 100 }); // 'lt:100'
 */
export const imbalanceSpec = (i: Imbalance): string => (i.kind === 'lt' ? `lt:${i.ratio}` : `minority:${i.fraction}`);

/** Relabels to two classes: class 0 keeps its name, every other class becomes "rest". */
export function binarize(ds: Dataset): Dataset {
  const y = ds.y.map((label) => (label === 0 ? 0 : 1));
  return { ...ds, y, classNames: [ds.classNames[0]!, 'rest'] };
}

/** The class sizes of a long-tailed subset: n_c = n_max · R^(−c/(K−1)), within what each class has. */
export function longTailSizes(counts: readonly number[], ratio: number): number[] {
  const k = counts.length;
  const factor = (c: number) => (k === 1 ? 1 : Math.pow(ratio, -c / (k - 1)));
  const nMax = counts.reduce((m, n, c) => Math.min(m, n / factor(c)), Infinity);
  return counts.map((_, c) => Math.max(1, Math.round(nMax * factor(c))));
}

/**
 * Applies an imbalance to a training split (the other splits stay as they are, but for
 * `minority`, which relabels every split: use `binarize` on them).
 *
 * @example
 * const long = imbalance(splits.train, parseImbalance('lt:10'), createRng(1)); // the largest class 10× the smallest
 */
export function imbalance(ds: Dataset, spec: Imbalance, rng: Rng): Dataset {
  const groups = indicesByClass(ds);
  if (spec.kind === 'lt') {
    const sizes = longTailSizes(classCounts(ds), spec.ratio);
    const keep = groups.flatMap((g, c) => rng.shuffle([...g]).slice(0, sizes[c]));
    return subset(ds, keep.sort((a, b) => a - b));
  }
  const binary = binarize(ds);
  const rest = groups.slice(1).flat();
  const wanted = Math.max(1, Math.round((spec.fraction * rest.length) / (1 - spec.fraction)));
  const minority = groups[0]!;
  if (wanted > minority.length) {
    throw new InputError(
      `--imbalance minority:${spec.fraction} needs ${wanted} examples of class ${ds.classNames[0]}, but the training split has ${minority.length}`,
    );
  }
  const keep = [...rng.shuffle([...minority]).slice(0, wanted), ...rest];
  return subset(binary, keep.sort((a, b) => a - b));
}
