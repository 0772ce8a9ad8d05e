import { createRng, matrix, type Matrix, type Rng } from '../../src/internal.ts';

/** A float64 matrix of normal draws, for gradient checks. */
export function randomMatrix(rows: number, cols: number, rng: Rng, sd = 1): Matrix {
  const m = matrix(rows, cols, 'float64');
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal(0, sd);
  return m;
}

/** Random labels in [0, classes). */
export function randomLabels(n: number, classes: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: n }, () => rng.int(classes));
}

/** A seeded RNG whose uniform() replays the same sequence after each reset (fixes dropout masks). */
export function replayingRng(seed: number): Rng & { reset(): void } {
  const values = Array.from({ length: 4096 }, createRng(seed).uniform);
  let i = 0;
  return { ...createRng(seed), uniform: () => values[i++ % values.length]!, reset: () => { i = 0; } };
}
