// Issue 23's acceptance 6: a study's time against the trials in a round. The default sampler
// (narrowing, TPE inside the ranges) and `--sampler random` each run `search` on a 240-row
// table (the example CSV's trial subset) for 2 rounds of 500, 1,000 and 2,000 one-epoch trials
// a round, with 2 workers and no recheck; the planning of round 2 from round 1's trials is also
// timed alone (in-process, the default MLP space, a fixed score). SKEWTUNE_BENCH_PLANNING_SIZES
// (e.g. "500") runs fewer sizes. Alone: npx tsx test/bench/planning.ts (one JSON object a line).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultMlpSpace } from '../../src/search/mlp-space.ts';
import { samplers } from '../../src/search/samplers/registry.ts';
import type { Sampler } from '../../src/search/samplers/sampler.ts';
import type { Params } from '../../src/search/space.ts';
import type { TrialRecord } from '../../src/search/trial.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sizes = (process.env.SKEWTUNE_BENCH_PLANNING_SIZES ?? '500,1000,2000').split(',').map(Number);

// A smooth score with its best inside the space: what a sampler sees from 1-epoch trials.
const score = (p: Params) => -((Math.log10(Number(p.lr)) + 3) ** 2) - (Number(p.dropout) - 0.2) ** 2 - Math.abs(Math.log10(Number(p.l2)) + 5) / 10;

/** Wall seconds of one `search` as a user runs it. */
function studySeconds(sampler: string, trials: number): number {
  const out = mkdtempSync(join(tmpdir(), 'skewtune-planning-'));
  try {
    const started = performance.now();
    execFileSync(process.execPath, [
      `${root}/bin/skewtune.js`, 'search', '--dataset', `csv:${root}/datasets/examples/data.csv`, '--trial-subset', '240', '--epochs', '1',
      '--rounds', '2', '--trials', String(trials), '--sampler', sampler, '--ensemble', '1', '--recheck', '0', '--final-epochs', '1',
      '--workers', '2', '--out', join(out, 'study'), '--json',
    ], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return (performance.now() - started) / 1000;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function planSeconds(sampler: Sampler, trials: number): number {
  const first = samplers.random().plan({ space: defaultMlpSpace, ranges: defaultMlpSpace, round: 1, count: trials, seed: 1, direction: 'maximize', history: [] });
  const history: TrialRecord[] = first.trials.map((t) => {
    const s = score(t.params);
    return { ...t, status: 'complete', score: s, last: s, history: [{ score: s }], seconds: 0 };
  });
  const started = performance.now();
  sampler.plan({ space: defaultMlpSpace, ranges: defaultMlpSpace, round: 2, count: trials, seed: 1, direction: 'maximize', history });
  return (performance.now() - started) / 1000;
}

/** The rows `npm run bench -- planning` prints. */
export function planningBenchmarks(): object[] {
  const r = (x: number) => Number(x.toFixed(3));
  return sizes.map((trials) => {
    const plan = { default: planSeconds(samplers.narrowing(), trials), random: planSeconds(samplers.random(), trials) };
    const study = { default: studySeconds('narrowing', trials), random: studySeconds('random', trials) };
    return {
      name: 'planning', trialsPerRound: trials, rounds: 2, rows: 240,
      studySeconds: { default: r(study.default), random: r(study.random) }, studyRatio: r(study.default / study.random),
      planRound2Seconds: { default: r(plan.default), random: r(plan.random) },
    };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of planningBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
