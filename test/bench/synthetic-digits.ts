import { createRng, matrix, type Dataset } from '../../src/internal.ts';

/**
 * Random 784-feature rows with 10 labels, drawn from the named seed: the training benchmarks'
 * throughput does not depend on the values.
 */
export function syntheticDigits(rows: number, seed: string): Dataset {
  const rng = createRng(seed);
  const x = matrix(rows, 784);
  for (let i = 0; i < x.data.length; i++) x.data[i] = rng.uniform();
  return {
    x,
    y: Int32Array.from({ length: rows }, () => rng.int(10)),
    classNames: Array.from({ length: 10 }, (_, c) => String(c)),
    featureNames: Array.from({ length: 784 }, (_, j) => `px${j}`),
  };
}
