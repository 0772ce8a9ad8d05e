import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = ['train', '--dataset', 'mnist', '--hidden', '256,128', '--optimizer', 'adam', '--epochs', '25', '--seed', '1', '--json'];

/** Seconds until one `skewtune train` process ends. */
function timed(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${root}/bin/skewtune.js`, ...args], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`train exited ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What two cores give two independent trainings on this machine: one `train` alone, then two
 * at once, interleaved, medians of 3. `bestRatio` (the pair's time over twice one's) is the
 * least a 2-worker `compare` can take of a 1-worker one when its runs are all it does: on these
 * virtual machines two trainings at once run slower each than one alone (shared caches and
 * memory bandwidth, or cores that are not wholly ours).
 */
export async function parallelCeilingBenchmarks(): Promise<object[]> {
  const alone: number[] = [];
  const pair: number[] = [];
  for (let round = 0; round < 3; round++) {
    alone.push(await timed());
    pair.push(Math.max(...await Promise.all([timed(), timed()])));
  }
  const [one, two] = [median(alone), median(pair)];
  return [{
    name: 'parallel-ceiling', command: `skewtune ${args.join(' ')}`, rounds: 3,
    aloneSeconds: Number(one.toFixed(2)), pairSeconds: Number(two.toFixed(2)), bestRatio: Number((two / (2 * one)).toFixed(3)),
  }];
}
