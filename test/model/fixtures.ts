import { createRng } from '../../src/internal.ts';

/**
 * A CSV of `n` rows with `features` numeric columns and a `label` of `classes` classes, class
 * c shifted by c in every feature so a small network learns something in a few epochs;
 * class 0 holds about half the rows (skewed, not extreme).
 */
export function seededRows(n: number, features: number, classes: number, seed = 1): string {
  const rng = createRng(seed);
  const header = [...Array.from({ length: features }, (_, j) => `f${j}`), 'label'];
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const label = rng.uniform() < 0.5 ? 0 : 1 + Math.floor(rng.uniform() * (classes - 1));
    const cells = Array.from({ length: features }, () => (label + rng.normal() * 0.8 + 10).toFixed(4));
    lines.push([...cells, `c${label}`].join(','));
  }
  return `${lines.join('\n')}\n`;
}
