// The charter's claim on real data: "a search is good when its final model beats what the user would have trained
// by hand in the same time". Opt-in: SKEWTUNE_IDX_DIR names a directory of MNIST-format IDX files (Fashion-MNIST's
// 60,000 + 10,000 images, say); without it the row is skipped. It runs, one after the other on the same machine:
// `train --hidden 256,128` with defaults (5 epochs), which also gives a training epoch's cost; `search --budget B` with
// default settings (SKEWTUNE_BENCH_BUDGET, default 5m; SKEWTUNE_BENCH_WORKERS worker threads, default 1, so the search
// has the one core a hand-run `train` has); then `train --hidden 256,128` for as many epochs as fill the search's wall time.
// Alone: SKEWTUNE_IDX_DIR=DIR npx tsx test/bench/real-data.ts (one JSON object a line).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run { json: { test: { accuracy: number } } & Record<string, unknown>; seconds: number }

function timed(args: string[]): Run {
  const started = performance.now();
  const stdout = execFileSync(process.execPath, [`${root}/bin/skewtune.js`, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { json: JSON.parse(stdout), seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
}

/** The `search-real-data` row: the default search within a budget against a hand-run 256-128 network given the same wall time; none without SKEWTUNE_IDX_DIR. */
export function realDataBenchmarks(): object[] {
  const dir = process.env.SKEWTUNE_IDX_DIR;
  if (!dir) return [];
  const budget = process.env.SKEWTUNE_BENCH_BUDGET ?? '5m';
  const workers = process.env.SKEWTUNE_BENCH_WORKERS ?? '1';
  const dataset = `idx:${dir}`;
  const out = mkdtempSync(join(tmpdir(), 'skewtune-real-data-'));
  try {
    const hand = (epochs: number) => timed(['train', '--dataset', dataset, '--hidden', '256,128', '--epochs', String(epochs)]);
    const defaults = hand(5);
    const searched = timed(['search', '--dataset', dataset, '--budget', budget, '--workers', workers, '--out', join(out, 'study')]);
    // A process's start and data load are in both; the epochs fill the rest of the search's time at the 5-epoch run's pace.
    const epochs = Math.max(5, Math.round((5 * searched.seconds) / defaults.seconds));
    const filled = hand(epochs);
    return [{
      name: 'search-real-data', dataset: dir, command: `skewtune search --dataset idx:DIR --budget ${budget} --workers ${workers}`,
      testAccuracy: searched.json.test.accuracy, seconds: searched.seconds, phases: searched.json.seconds, budget: searched.json.budget,
      best: searched.json.best, ensemble: searched.json.ensemble, trainDefaultTestAccuracy: defaults.json.test.accuracy, trainDefaultSeconds: defaults.seconds,
      trainSameTimeEpochs: epochs, trainSameTimeTestAccuracy: filled.json.test.accuracy, trainSameTimeSeconds: filled.seconds,
      better: searched.json.test.accuracy > Math.max(defaults.json.test.accuracy, filled.json.test.accuracy),
    }];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of realDataBenchmarks()) console.log(JSON.stringify(row));
}
