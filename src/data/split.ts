import type { Rng } from '../tensor/rng.ts';
import { indicesByClass, subset, type Dataset } from './dataset.ts';

/**
 * Splits off a `fraction` of each class (rounded), so both parts keep the class
 * proportions. Returns [rest, heldOut]; indices keep their original order within each part.
 *
 * @example
 * const [trainPart, test] = stratifiedSplit(ds, 0.2, createRng(1));
 */
export function stratifiedSplit(ds: Dataset, fraction: number, rng: Rng): [Dataset, Dataset] {
  const keep: number[] = [];
  const held: number[] = [];
  for (const group of indicesByClass(ds)) {
    const shuffled = rng.shuffle([...group]);
    const cut = Math.round(shuffled.length * fraction);
    // One push per index: spreading a class of 120k+ rows into push() overflows the call stack.
    shuffled.forEach((index, i) => (i < cut ? held : keep).push(index));
  }
  const byIndex = (a: number, b: number) => a - b;
  return [subset(ds, keep.sort(byIndex)), subset(ds, held.sort(byIndex))];
}
