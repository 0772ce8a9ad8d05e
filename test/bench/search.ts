// Search throughput with 1 and 2 worker threads on a fixed small MLP search, and the
// Hartmann-6 comparison of narrowing against plain random sampling.
// Alone: npx tsx test/bench/search.ts (one JSON object a line).
import { lastValueFrom } from 'rxjs';
import { pathToFileURL } from 'node:url';
import { search } from '../../src/search/pipeline.ts';
import type { Space } from '../../src/search/space.ts';
import { workerExecutor } from '../../src/search/worker-executor.ts';
import { hartmannComparison } from '../search/hartmann.ts';

const module = new URL('../../src/study/task.ts', import.meta.url).href;
const task = { dataset: 'mnist', label: 'label', seed: 1, trialSubset: 1600, epochs: 2, metric: 'accuracy' };
// Every trial costs the same: only the learning rate varies.
const space: Space = {
  lr: { kind: 'loguniform', low: 1e-4, high: 1e-2 },
  hidden: { kind: 'choice', values: [[64]] },
  batchSize: { kind: 'choice', values: [64] },
  optimizer: { kind: 'choice', values: ['adam'] },
};
const trials = 16;
const repeats = 3;

async function timed(run: () => Promise<unknown>) {
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU seconds of all the process's threads per second: 2 means both cores were ours.
  return { seconds, cores: (used.user + used.system) / 1e6 / seconds };
}

async function throughput(workers: number) {
  const executor = workerExecutor({ module, workers });
  try {
    // One trial per worker first, so thread start-up and data loading are not counted as search time.
    await lastValueFrom(search(space, executor, { rounds: 1, trials: workers, seed: 99, task }));
    // The fastest of a few runs: on a shared machine, others' work only ever slows a run down.
    const runs = [];
    for (let r = 0; r < repeats; r++) runs.push(await timed(() => lastValueFrom(search(space, executor, { rounds: 1, trials, seed: 1, task }))));
    const { seconds, cores } = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    return {
      name: 'search', workers, trialsPerMin: (trials / seconds) * 60, trials, seconds, cores,
      allSeconds: runs.map((r) => r.seconds), trainRows: 1600, epochs: 2, hidden: [64], batchSize: 64,
    };
  } finally {
    await executor.close();
  }
}

/** The rows `npm run bench` prints for the search. */
export async function searchBenchmarks(): Promise<object[]> {
  const one = await throughput(1);
  const two = await throughput(2);
  const hartmann = await hartmannComparison(10);
  return [
    one,
    { ...two, speedup: two.trialsPerMin / one.trialsPerMin },
    { name: 'search-hartmann6', evaluations: 60, seeds: 10, narrowingMedianBest: hartmann.narrowing, randomMedianBest: hartmann.random, optimum: hartmann.optimum, narrowing: '4 rounds × 15', random: '1 round × 60' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await searchBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
