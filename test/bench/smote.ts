// SMOTE timings for `npm run bench`. Runnable alone:
//   npx tsx test/bench/smote.ts   → one JSON object per line
// Besides the two SMOTE rows, it times the minority class's neighbour search both ways
// ("knn" rows), because ml-knn's k-d tree is far slower than the exact scan at 784 features.

import { pathToFileURL } from 'node:url';
import { createRng, indicesByClass, matrix, takeRows, type Dataset, type Matrix } from '../../src/internal.ts';
import { neighbourIndex, type NeighbourBackend } from '../../strategies/neighbours.ts';
import { smoteResampler } from '../../strategies/smote.ts';
import { mixedGaussians } from '../strategies/mixed-fixtures.ts';

/** Two Gaussian classes (the minority shifted by 0.5 per feature), float32 like a training split. */
function twoClasses(majority: number, minority: number, features: number): Dataset {
  const rng = createRng(`bench-${majority}-${minority}-${features}`);
  const n = majority + minority;
  const x = matrix(n, features);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i < majority ? 0 : 1;
    for (let j = 0; j < features; j++) x.data[i * features + j] = rng.normal(y[i]! * 0.5, 1);
  }
  return { x, y, classNames: ['majority', 'minority'], featureNames: Array.from({ length: features }, (_, j) => `f${j}`) };
}

/** Whether `found` lists, for every row, the k nearest of an exact float64 scan in order (ties by the lower index). */
function sameAsExact(x: Matrix, found: Int32Array, k: number): boolean {
  const { rows: n, cols: d, data } = x;
  const distance = new Float64Array(n);
  const order = Array.from({ length: n }, (_, j) => j);
  for (let row = 0; row < n; row++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (data[row * d + f]! - data[j * d + f]!) ** 2;
      distance[j] = s;
    }
    const best = order.filter((j) => j !== row).sort((a, b) => distance[a]! - distance[b]! || a - b).slice(0, k);
    if (best.some((j, m) => found[row * k + m] !== j)) return false;
  }
  return true;
}

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(3));

/**
 * Times SMOTE (k = 5, balancing) on 6,000 + 600 rows of 784 features and on 20,000 rows of
 * 20 features with 5% minority, SMOTE-NC and SMOTE-N on mixed and categorical tables, and
 * the 784-feature neighbour search through each backend.
 *
 * @example
 * for (const row of await smoteBenchmarks()) console.log(JSON.stringify(row));
 */
export async function smoteBenchmarks(): Promise<object[]> {
  const k = 5;
  const rows: object[] = [];
  for (const [majority, minority, features] of [[6000, 600, 784], [19000, 1000, 20]] as const) {
    const data = twoClasses(majority, minority, features);
    // The first run pays for compiling the scan; "seconds" is the median of three runs.
    const times = [0, 1, 2].map(() => {
      const started = performance.now();
      smoteResampler({ k })(data, createRng(1));
      return seconds(started);
    });
    const median = [...times].sort((a, b) => a - b)[1]!;
    rows.push({ name: 'smote', rows: majority + minority, features, minority, k, seconds: median, firstSeconds: times[0] });
  }
  // SMOTE-NC (10 numeric columns and two one-hot blocks) and SMOTE-N (the two blocks alone).
  for (const [variant, majority, minority, numeric] of [['smote-nc', 19000, 1000, 10], ['smote-n', 4000, 1000, 0]] as const) {
    const data = mixedGaussians([majority, minority], `bench-${variant}`, numeric);
    const started = performance.now();
    smoteResampler({ k }, variant)(data, createRng(1));
    rows.push({ name: variant, rows: majority + minority, numeric, categorical: 2, minority, k, seconds: seconds(started) });
  }
  const wide = twoClasses(6000, 600, 784);
  const minorityRows = takeRows(wide.x, indicesByClass(wide)[1]!);
  for (const backend of ['scan', 'ml-knn'] as NeighbourBackend[]) {
    const started = performance.now();
    const found = neighbourIndex(minorityRows, backend).nearest(k);
    const time = seconds(started);
    rows.push({ name: 'knn', backend, rows: minorityRows.rows, features: 784, k, seconds: time, sameAsExactFloat64Scan: sameAsExact(minorityRows, found, k) });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await smoteBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
