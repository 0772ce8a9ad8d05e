import { createRng, matrix, type Dataset } from '../../src/internal.ts';

/** Gaussian blobs, one per class, centred on the axes: a small, learnable, seeded problem. */
export function blobs(perClass: readonly number[], features: number, seed: number, spread = 1): Dataset {
  const rng = createRng(seed);
  const n = perClass.reduce((a, b) => a + b, 0);
  const x = matrix(n, features);
  const y = new Int32Array(n);
  let row = 0;
  perClass.forEach((count, c) => {
    for (let i = 0; i < count; i++, row++) {
      y[row] = c;
      for (let j = 0; j < features; j++) x.data[row * features + j] = rng.normal(j === c % features ? 3 : 0, spread);
    }
  });
  return {
    x, y,
    classNames: perClass.map((_, c) => `c${c}`),
    featureNames: Array.from({ length: features }, (_, j) => `f${j}`),
  };
}
