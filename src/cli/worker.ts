import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { Observable } from 'rxjs';
import { InputError } from '../errors.ts';
import { databaseAddress, openQueue } from '../search/postgres-queue.ts';
import { serveTrials } from '../search/postgres-worker.ts';
import { workerExecutor } from '../search/worker-executor.ts';
import { positiveInt } from './options.ts';
import { databaseVariable } from '../study/executors.ts';
import { parseTrialSpace } from '../study/trial-space.ts';

interface Flags {
  connect?: string;
  concurrency: number;
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
  const say = (text: string) => process.stdout.write(`${text}\n`);
  try {
    await serveTrials(queue, executor, { concurrency: flags.concurrency, parseSpace: parseTrialSpace, log: say, stop: stopSignals() });
  } finally {
    await executor.close();
    await queue.close();
  }
  say('worker stopped');
}

/**
 * `skewtune worker`: runs the trials of distributed searches (`skewtune search --executor
 * postgres://…`) from the database's queue, on worker threads, until stopped.
 */
export function workerCommand(): Command {
  return new Command('worker')
    .description('run trials of distributed searches from a PostgreSQL queue until stopped (Ctrl-C or SIGTERM)')
    .option('--connect <url>', `the database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $${databaseVariable})`)
    .option('--concurrency <n>', 'trials run at once, each on a worker thread', positiveInt, availableParallelism())
    .action((flags: Flags) => runWorker(flags));
}
