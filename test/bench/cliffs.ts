// Size cliffs for `npm run bench -- cliffs`: the tuned decision rule as classes grow, and
// predict's column checks at 40,000 columns. Runnable alone:
//   npx tsx test/bench/cliffs.ts   → one JSON object per line

import { pathToFileURL } from 'node:url';
import { createRng, decisionMetric, fitDecision, matrix, softmaxRows } from '../../src/internal.ts';
import { predictionInput } from '../../src/cli/predict-input.ts';

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(3));

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return seconds(started);
}

/** `tuned` and `argmax` fitted on 40 validation rows a class, probabilities from noisy logits. */
function decisionRows(classes: number): object[] {
  const rng = createRng(`bench-decision-${classes}`);
  const rows = 40 * classes;
  const truth = Int32Array.from({ length: rows }, (_, i) => i % classes);
  const logits = matrix(rows, classes, 'float64');
  for (let i = 0; i < logits.data.length; i++) logits.data[i] = rng.normal() + (i % classes === truth[Math.floor(i / classes)] ? 2 : 0);
  const probabilities = matrix(rows, classes, 'float64');
  softmaxRows(logits, probabilities.data);
  const names = Array.from({ length: classes }, (_, c) => `c${c}`);
  const metric = decisionMetric('macroF1', names);
  return (['argmax', 'tuned'] as const).map((rule) => ({
    name: 'decision-fit-classes', rule, classes, rows, seconds: timed(() => fitDecision(rule, { probabilities, truth }, metric.score, 'macroF1')),
  }));
}

/** predict's checks of an input table against the model's features, 40,000 columns and 50 rows. */
function predictColumnsRow(): object {
  const columns = 40_000;
  const features = Array.from({ length: columns }, (_, j) => `f${j}`);
  const header = ['id', ...features.slice().reverse()];
  const rows = Array.from({ length: 50 }, (_, i) => [String(i), ...Array.from({ length: columns }, (_, j) => String((i + j) % 10))]);
  return { name: 'predict-columns', columns, rows: 50, seconds: timed(() => predictionInput({ header, rows }, features, ['id'], 'bench.csv')) };
}

/**
 * The rows of the `cliffs` group.
 *
 * @example
 * for (const row of cliffBenchmarks()) console.log(JSON.stringify(row));
 */
export function cliffBenchmarks(): object[] {
  return [...[50, 100, 200].flatMap(decisionRows), predictColumnsRow()];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of cliffBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
