// Issue 11's acceptance 6: `search --dataset mnist --budget 5m` with default settings against
// `npm start`'s single training run (train --dataset mnist --hidden 100,100 --optimizer adam
// --epochs 5 --seed 1), both as a user runs them: test accuracy, wall time, and how the budget went.
// Alone: npx tsx test/bench/budget.ts (one JSON object a line).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const budget = process.env.SKEWTUNE_BENCH_BUDGET ?? '5m';

function timed(args: string[]): { json: { test: { accuracy: number } } & Record<string, unknown>; seconds: number } {
  const started = performance.now();
  const stdout = execFileSync(process.execPath, [`${root}/bin/skewtune.js`, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { json: JSON.parse(stdout), seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
}

/** The row `npm run bench` prints for the budgeted search against `npm start`. */
export function budgetBenchmarks(): object[] {
  const out = mkdtempSync(join(tmpdir(), 'skewtune-budget-'));
  try {
    const start = timed(['train', '--dataset', 'mnist', '--hidden', '100,100', '--optimizer', 'adam', '--epochs', '5', '--seed', '1']);
    const searched = timed(['search', '--dataset', 'mnist', '--budget', budget, '--out', join(out, 'study')]);
    return [{
      name: 'search-budget', command: `skewtune search --dataset mnist --budget ${budget}`,
      testAccuracy: searched.json.test.accuracy, seconds: searched.seconds, budget: searched.json.budget,
      npmStartTestAccuracy: start.json.test.accuracy, npmStartSeconds: start.seconds,
      better: searched.json.test.accuracy > start.json.test.accuracy,
    }];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of budgetBenchmarks()) console.log(JSON.stringify(row));
}
