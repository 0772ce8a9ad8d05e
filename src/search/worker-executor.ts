import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Observable } from 'rxjs';
import type { Executor } from './executor.ts';
import type { Step } from './objective.ts';
import type { WorkerJob, WorkerMessage } from './worker-task.ts';

/** Where a worker executor's trials come from (the objective's module) and how many threads run them. */
export interface WorkerExecutorOptions {
  /** URL of a module exporting `objectiveFor(task)` (an `ObjectiveFactory`); TypeScript is fine. */
  module: string;
  /** Worker threads, and trials run at once. */
  workers: number;
}

/**
 * Runs trials on a pool of worker threads (piscina), one trial per thread at a time. Each
 * worker builds the objective from the job's `task` once and reuses it. Abandoning a trial
 * (a timeout, a second Ctrl-C) terminates its thread; the pool starts a fresh one.
 *
 * @example
 * const executor = workerExecutor({ module: new URL('./my-objective.ts', import.meta.url).href, workers: 2 });
 * search(space, executor, options).subscribe(...); // then: await executor.close()
 */
export function workerExecutor(options: WorkerExecutorOptions): Executor {
  if (!(Number.isInteger(options.workers) && options.workers >= 1)) {
    throw new RangeError(`worker executor: workers must be an integer >= 1, but got ${options.workers}`);
  }
  const pool = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    workerData: { module: options.module },
    minThreads: options.workers,
    maxThreads: options.workers,
  });
  return {
    concurrency: options.workers,
    run: (job) =>
      new Observable<Step>((subscriber) => {
        const { port1, port2 } = new MessageChannel();
        const abort = new AbortController();
        let ended = false;
        port1.on('message', (message: WorkerMessage) => {
          if (message.type === 'step') return subscriber.next(message.step);
          ended = true;
          port1.close();
          if (message.type === 'done') subscriber.complete();
          else subscriber.error(new Error(message.message));
        });
        const task: WorkerJob = { job, port: port2 };
        pool.run(task, { transferList: [port2], signal: abort.signal }).catch((error: unknown) => {
          if (!ended && !abort.signal.aborted) subscriber.error(error);
        });
        return () => {
          // Only a trial still running is abandoned: aborting a finished one would kill a warm worker.
          if (!ended) abort.abort();
          port1.close();
        };
      }),
    close: () => pool.destroy(),
  };
}
