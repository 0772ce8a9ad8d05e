// `npm run bench -- resample-large`: `skewtune resample --strategy smote` to 1:10 on a table in
// the shape of the public credit-card fraud data (284,807 rows, 30 numeric columns, 492
// positives, about 80 MB), beside pandas + imbalanced-learn doing the same (test/bench/resample-peer.py),
// with wall time and peak memory (max RSS from /usr/bin/time -v) of each; then skewtune's load
// time and time per training epoch on that table. The peer is skipped, with a note, when
// /usr/bin/python3 lacks pandas or imblearn.

import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { loadCsv } from '../../datasets/csv.ts';
import { createRng, defaultTrainConfig, prepareSplits, train, type TrainEvent } from '../../src/internal.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rows = 284_807;
const positives = 492;

/** The fraud table's shape: Time, V1–V28, Amount and Class, positives spread through it. */
async function writeFraudLike(path: string): Promise<void> {
  const rng = createRng('fraud-like');
  const out = createWriteStream(path);
  out.write(`Time,${Array.from({ length: 28 }, (_, j) => `V${j + 1}`).join(',')},Amount,Class\n`);
  const every = Math.floor(rows / positives);
  for (let i = 0; i < rows; i++) {
    const positive = i % every === 0 && i / every < positives;
    const v = Array.from({ length: 28 }, () => rng.normal(positive ? 1.5 : 0, 1).toFixed(6));
    const line = `${i * 0.6},${v.join(',')},${(rng.uniform() * 250).toFixed(2)},${positive ? 1 : 0}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Wall and CPU seconds (user + system: the fairer figure on a shared machine) and max RSS (MB) of a command under /usr/bin/time -v. */
function measured(command: string, args: string[]): { seconds: number; cpuSeconds: number; peakMB: number } {
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-v', command, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr.slice(-500)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
  const time = (what: string) => Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(run.stderr)?.[1]);
  return { seconds, cpuSeconds: Number((time('User') + time('System')).toFixed(2)), peakMB: Math.round(kb / 1024) };
}

function peerAvailable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import imblearn, pandas'], { stdio: 'ignore' }).status === 0;
}

/** skewtune's load of the table, and one epoch of the default network on its training split. */
async function loadAndEpoch(path: string): Promise<object> {
  let started = performance.now();
  const source = loadCsv(path, { label: 'Class' });
  const loadSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  const splits = prepareSplits(source, { seed: 1 });
  started = performance.now();
  const done = await lastValueFrom(train({ train: splits.train }, { ...defaultTrainConfig, epochs: 1 })) as Extract<TrainEvent, { type: 'done' }>;
  return {
    name: 'resample-large-load', rows, features: 30, loadSeconds, trainRows: splits.train.y.length,
    epochSeconds: Number(done.seconds.toFixed(2)), epochWallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    hidden: defaultTrainConfig.hidden, batchSize: defaultTrainConfig.batchSize,
  };
}

/**
 * The rows of the `resample-large` group (about a minute on a quiet 2-core machine).
 *
 * @example
 * for (const row of await resampleLargeBenchmarks()) console.log(JSON.stringify(row));
 */
export async function resampleLargeBenchmarks(): Promise<object[]> {
  const dir = mkdtempSync(join(tmpdir(), 'skewtune-resample-large-'));
  try {
    const input = join(dir, 'fraud-like.csv');
    await writeFraudLike(input);
    const shape = { rows, features: 30, positives, megabytes: Math.round(statSync(input).size / 1e6), ratio: 0.1 };
    const out = join(dir, 'skewtune.csv');
    const skewtune = measured(process.execPath, [join(root, 'bin/skewtune.js'), 'resample', '--input', input, '--output', out,
      '--strategy', 'smote', '--ratio', '0.1', '--label', 'Class', '--json']);
    const result: object[] = [{ name: 'resample-large', tool: 'skewtune', ...shape, ...skewtune, outputMB: Math.round(statSync(out).size / 1e6) }];
    if (peerAvailable()) {
      const peerOut = join(dir, 'peer.csv');
      const peer = measured('/usr/bin/python3', [join(root, 'test/bench/resample-peer.py'), input, peerOut, 'Class']);
      result.push({ name: 'resample-large', tool: 'pandas+imblearn', ...shape, ...peer, outputMB: Math.round(statSync(peerOut).size / 1e6) });
    } else {
      result.push({ name: 'resample-large', tool: 'pandas+imblearn', skipped: '/usr/bin/python3 lacks pandas or imblearn (apt install python3-pandas python3-imblearn)' });
    }
    result.push(await loadAndEpoch(input));
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await resampleLargeBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
