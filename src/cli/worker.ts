import { hostname } from 'node:os';
import { Command } from 'commander';
import { Observable } from 'rxjs';
import { InputError } from '../errors.ts';
import { databaseAddress, openQueue } from '../search/postgres-queue.ts';
import { serveTrials } from '../search/postgres-worker.ts';
import { workerExecutor } from '../search/worker-executor.ts';
import { defaultWorkers, workerRule } from '../worker-limit.ts';
import { workerCount } from './options.ts';
import { databaseVariable } from '../study/executors.ts';
import { parseTrialSpace } from '../study/trial-space.ts';

interface Flags {
  connect?: string;
  concurrency: number;
  json?: boolean;
}

/** Ctrl-C (SIGINT) and SIGTERM, each told on stderr: the first finishes the running trials, the second hands them back. */
function stopSignals(): Observable<void> {
  return new Observable<void>((subscriber) => {
    let count = 0;
    const onSignal = () => {
      count++;
      process.stderr.write(count === 1
        ? 'stopping: no new trials; running ones finish (Ctrl-C again hands them back to the queue)\n'
        : 'handing the running trials back to the queue\n');
      subscriber.next();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  });
}

async function runWorker(flags: Flags): Promise<void> {
  const url = flags.connect ?? process.env[databaseVariable];
  if (!url) throw new InputError(`--connect: no database given; pass --connect postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE or set ${databaseVariable}`);
  const address = databaseAddress(url, flags.connect ? '--connect' : databaseVariable);
  const queue = await openQueue(address, { warn: (text) => process.stderr.write(`${text}\n`) });
  // The same code as a local search's trials: the MLP task's objective on worker threads.
  const executor = workerExecutor({ module: new URL('../study/task.ts', import.meta.url).href, workers: flags.concurrency });
  // With --json the running commentary goes to stderr, and stdout holds only the final object.
  const say = (text: string) => (flags.json ? process.stderr : process.stdout).write(`${text}\n`);
  const trials = { complete: 0, failed: 0 };
  try {
    await serveTrials(queue, executor, {
      concurrency: flags.concurrency, parseSpace: parseTrialSpace, log: say, stop: stopSignals(),
      ended: (outcome) => trials[outcome]++,
    });
  } finally {
    await executor.close();
    await queue.close();
  }
  say('worker stopped');
  if (flags.json) process.stdout.write(`${JSON.stringify({ worker: `${hostname()}/${process.pid}`, database: address.shown, trials })}\n`);
}

/**
 * `skewtune worker`: runs the trials of distributed searches (`skewtune search --executor
 * postgres://…`) from the database's queue, on worker threads, until stopped.
 */
export function workerCommand(): Command {
  return new Command('worker')
    .description('run trials of distributed searches from a PostgreSQL queue until stopped (Ctrl-C or SIGTERM)')
    .option('--connect <url>', `the database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $${databaseVariable})`)
    .option('--concurrency <n>', `trials run at once, each on a worker thread (default: one a core; at most ${workerRule})`, workerCount, defaultWorkers())
    .option('--json', 'print one JSON object on stdout when stopped, { "worker", "database", "trials": { "complete", "failed" } }, and the log on stderr')
    .action((flags: Flags) => runWorker(flags));
}
