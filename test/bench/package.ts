// The installed package against the clone: the tarball's size and file count, the command
// line's start time (`skewtune --version`), and training throughput (`skewtune train` on the
// built-in digits), each the median of a few runs, side by side (the target: within 10%).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { installOnce, root } from '../helpers/installed.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Wall-clock milliseconds of running `bin` with `args`. */
function elapsedMs(bin: string, args: readonly string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [bin, ...args], { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * `measure` of each program `runs` times, taken in turns so that a load coming and going on a
 * shared machine weighs on both alike: the results, by program.
 */
function inTurns<T>(bins: readonly string[], runs: number, measure: (bin: string) => T): T[][] {
  const results = bins.map((): T[] => []);
  for (let run = 0; run < runs; run++) bins.forEach((bin, i) => results[i]!.push(measure(bin)));
  return results;
}

interface TrainJson {
  kernels: string;
  history: { seconds: number }[];
  dataset: { train: number[] };
}

const trainRun = (bin: string) => JSON.parse(execFileSync(process.execPath,
  [bin, 'train', '--dataset', 'mnist', '--epochs', '5', '--seed', '1', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as TrainJson;

/** Training samples per second: the epochs' rows over the epochs' seconds. */
const rate = (r: TrainJson) => (r.dataset.train.reduce((a, b) => a + b, 0) * r.history.length) / r.history.reduce((s, e) => s + e.seconds, 0);

/** The median throughput of `runs` training runs of each program, and the kernels they ran. */
function throughputs(bins: readonly string[], runs: number): { samplesPerSecond: number; kernels: string }[] {
  return inTurns(bins, runs, trainRun).map((r) => ({ samplesPerSecond: Math.round(median(r.map(rate))), kernels: r[0]!.kernels }));
}

export function packageBenchmarks(): object[] {
  const { dir, packed } = installOnce();
  const installed = join(dir, 'node_modules/skewtune/bin/skewtune.js');
  const clone = join(root, 'bin/skewtune.js');
  const rows: object[] = [{ name: 'package/tarball', bytes: packed.size, unpackedBytes: packed.unpackedSize, files: packed.entryCount }];
  const [startInstalled, startClone] = inTurns([installed, clone], 9, (bin) => elapsedMs(bin, ['--version'])).map(median);
  const start = { installed: startInstalled!, clone: startClone! };
  rows.push({ name: 'package/start', installedMs: Math.round(start.installed), cloneMs: Math.round(start.clone), ratio: +(start.installed / start.clone).toFixed(2) });
  const [trainInstalled, trainClone] = throughputs([installed, clone], 5);
  const train = { installed: trainInstalled!, clone: trainClone! };
  rows.push({
    name: 'package/train', kernels: train.installed.kernels, cloneKernels: train.clone.kernels,
    installedSamplesPerSecond: train.installed.samplesPerSecond, cloneSamplesPerSecond: train.clone.samplesPerSecond,
    ratio: +(train.installed.samplesPerSecond / train.clone.samplesPerSecond).toFixed(2),
  });
  return rows;
}
