// Issue 23's acceptance 4: the final phase on both cores. The search's final networks (the chosen configuration, 4
// networks of 784-128-10 on mnist, 6 epochs each) trained in this thread one after another, then on a worker pool of 2
// threads: the wall seconds of each, and CPU seconds over wall seconds for the pool (2 means both cores busy throughout;
// the target is at least 1.8 on a quiet 2-core machine). The networks must come out the same.
// Alone: npx tsx test/bench/final-phase.ts (one JSON object a line).
import { pathToFileURL } from 'node:url';
import type { ScoredTrial } from '../../src/search/trial.ts';
import { workerExecutor } from '../../src/search/worker-executor.ts';
import { finalTest } from '../../src/study/final-model.ts';
import { finalPool } from '../../src/study/final-pool.ts';
import { taskData } from '../../src/study/task.ts';

const task = { dataset: 'mnist', label: 'label', seed: 1, epochs: 2, metric: 'accuracy' as const };
const chosen: ScoredTrial = {
  round: 1, index: 0, seed: 7, status: 'complete', score: 0.9, last: 0.9, seconds: 1,
  params: { lr: 0.001, hidden: [128], optimizer: 'adam', batchSize: 128 }, history: [{ epoch: 1, score: 0.8 }, { epoch: 2, score: 0.9 }],
};

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number; cores: number }> {
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { result, seconds, cores: (used.user + used.system) / 1e6 / seconds };
}

/** The row `npm run bench -- final-phase` prints. */
export async function finalPhaseBenchmarks(): Promise<object[]> {
  const data = taskData(task);
  const executor = workerExecutor({ module: new URL('../../src/study/task.ts', import.meta.url).href, workers: 2 });
  try {
    const pool = finalPool(executor, 'bench', { ...task, dataHash: data.hash });
    // One network first, so thread start-up and the workers' loading of the data are not counted as the phase.
    await finalTest({ ...chosen, params: { ...chosen.params, hidden: [8] } }, data, 1, 'accuracy', { members: 2, pool });
    const here = await timed(() => finalTest(chosen, data, 6, 'accuracy', { members: 4 }));
    const pooled = await timed(() => finalTest(chosen, data, 6, 'accuracy', { members: 4, pool }));
    const r = (x: number) => Number(x.toFixed(2));
    return [{
      name: 'final-phase', networks: 4, epochs: 6, workers: 2,
      oneThreadSeconds: r(here.seconds), poolSeconds: r(pooled.seconds), poolCpuOverWall: r(pooled.cores), oneThreadCpuOverWall: r(here.cores),
      sameNetworks: JSON.stringify(here.result.members) === JSON.stringify(pooled.result.members),
    }];
  } finally {
    await executor.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await finalPhaseBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
