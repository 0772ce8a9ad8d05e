// Model-file timings for `npm run bench`: save, load, and prediction from raw rows through a
// loaded model against the in-memory network it was saved from (the peer, same run), and
// the fitting of the decision rules on a validation-sized split. Runnable alone:
//   npx tsx test/bench/model.ts   → one JSON object per line

import { pathToFileURL } from 'node:url';
import { argmaxRule, createRng, decisionMetric, fitDecision, matrix, mlp, modelBytes, modelFromBytes, sliceRows } from '../../src/internal.ts';

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(4));

function best(runs: number, fn: () => void): number {
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    fn();
    fastest = Math.min(fastest, seconds(started));
  }
  return fastest;
}

/**
 * Times a 784-256-128-10 network (MNIST's default) saved and loaded, then 2,000 raw rows
 * predicted by the loaded model and by the network itself; and each decision rule fitted
 * on 1,600 validation rows of 10 classes.
 *
 * @example
 * for (const row of await modelBenchmarks()) console.log(JSON.stringify(row));
 */
export function modelBenchmarks(): object[] {
  const rng = createRng('bench-model');
  const network = mlp({ inputs: 784, outputs: 10, hidden: [256, 128], activation: 'relu', init: 'he', batchnorm: true, dropout: 0 }, rng);
  const names = Array.from({ length: 10 }, (_, c) => String(c));
  const parts = {
    classifier: network, features: Array.from({ length: 784 }, (_, j) => `px${j}`), classes: names, divisor: 255, dataset: 'bench',
    fingerprint: 'sha256:0', strategy: 'none', training: {}, decision: argmaxRule(10), test: {}, createdBy: 'bench',
  };
  let bytes = modelBytes(parts);
  const saveSeconds = best(3, () => { bytes = modelBytes(parts); });
  const loadSeconds = best(3, () => modelFromBytes(bytes, 'bench.skt'));
  const loaded = modelFromBytes(bytes, 'bench.skt');
  const raw = matrix(2000, 784, 'float64');
  const scaled = matrix(2000, 784);
  for (let i = 0; i < raw.data.length; i++) {
    raw.data[i] = Math.floor(rng.uniform() * 256);
    scaled.data[i] = raw.data[i]! / 255;
  }
  const rows: object[] = [
    { name: 'model-file', shape: '784-256-128-10 batchnorm', bytes: bytes.length, saveSeconds, loadSeconds },
    { name: 'predict', rows: 2000, features: 784, loaded: { rowsPerSec: Math.round(2000 / best(3, () => loaded.predictProba(raw))) },
      network: { rowsPerSec: Math.round(2000 / best(3, () => network.predictProba(scaled))) } },
  ];
  const probabilities = network.predictProba(sliceRows(scaled, 0, 1600));
  const truth = Int32Array.from({ length: 1600 }, () => rng.int(10));
  const metric = decisionMetric('macroF1', names);
  for (const rule of ['temperature', 'prior', 'tuned'] as const) {
    rows.push({ name: 'decision-fit', rule, rows: 1600, classes: 10, seconds: best(1, () => fitDecision(rule, { probabilities, truth }, metric.score, 'macroF1')) });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of modelBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
