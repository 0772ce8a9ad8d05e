// Distributed search throughput: this process coordinates (the postgres executor) against a
// PostgreSQL server it starts itself, and 1 or 2 `skewtune worker` processes, one trial at a
// time each, run the trials. The same fixed small MLP search as test/bench/search.ts, so the
// figures compare with its worker threads'.
// Alone: npx tsx test/bench/distributed.ts (one JSON object a line).
import { pathToFileURL } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { search } from '../../src/search/pipeline.ts';
import { postgresExecutor } from '../../src/search/postgres-executor.ts';
import { databaseAddress } from '../../src/search/postgres-queue.ts';
import type { Space } from '../../src/search/space.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { killAll, skewtune } from '../helpers/processes.ts';

const task = { dataset: 'mnist', label: 'label', seed: 1, trialSubset: 1600, epochs: 2, metric: 'accuracy' };
// Every trial costs the same: only the learning rate varies.
const space: Space = {
  lr: { kind: 'loguniform', low: 1e-4, high: 1e-2 },
  hidden: { kind: 'choice', values: [[64]] },
  batchSize: { kind: 'choice', values: [64] },
  optimizer: { kind: 'choice', values: ['adam'] },
};
// Three times test/bench/search.ts's 16: a round waits up to half a second at each end (the
// workers' and the coordinator's polls), which should not swamp the trials' own time.
const trials = 48;
const repeats = 3;

async function throughput(url: string, workers: number) {
  const processes = Array.from({ length: workers }, () => skewtune(['worker', '--connect', url, '--concurrency', '1']));
  // Each run is a study of its own: job ids come from the study, so a repeated one would find its results already there.
  const run = async (study: string, count: number) => {
    const executor = await postgresExecutor({ address: databaseAddress(url, 'bench'), study: { id: study, space, task }, warn: (w) => process.stderr.write(`${w}\n`) });
    try {
      await lastValueFrom(search(space, executor, { rounds: 1, trials: count, seed: 1, study, task }));
    } finally {
      await executor.close();
    }
  };
  try {
    // Two trials per worker first, so process start-up and data loading are not counted as search time.
    await run(`warm-up/${workers}`, 2 * workers);
    const runs: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      await run(`bench/${workers}/${r}`, trials);
      runs.push((performance.now() - started) / 1000);
    }
    // The fastest run: on a shared machine, others' work only ever slows a run down.
    const seconds = Math.min(...runs);
    return {
      name: 'distributed', workers, trialsPerMin: (trials / seconds) * 60, trials, seconds,
      allSeconds: runs, trainRows: 1600, epochs: 2, hidden: [64], batchSize: 64, workerConcurrency: 1,
    };
  } finally {
    for (const worker of processes) worker.signal('SIGTERM');
    await Promise.all(processes.map((w) => w.exited));
  }
}

/** The rows `npm run bench` prints for the distributed search: trials per minute with 1 and 2 worker processes. */
export async function distributedBenchmarks(): Promise<object[]> {
  const db = await startPostgres();
  try {
    const one = await throughput(db.url, 1);
    const two = await throughput(db.url, 2);
    return [one, { ...two, speedup: two.trialsPerMin / one.trialsPerMin }];
  } finally {
    killAll();
    db.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await distributedBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
