import { Observable, defer, exhaustMap, first, retry, switchMap, tap, timer } from 'rxjs';
import { z } from 'zod';
import type { Executor, TrialJob } from './executor.ts';
import type { Step } from './objective.ts';
import { openQueue, trialJobId, type DatabaseAddress, type TrialQueue } from './postgres-queue.ts';
import { beatSeconds, defaultHeartbeatGrace, handOver, silentTrials, type SilentTrial } from './postgres-heartbeat.ts';
import { decodeSteps, failureMessage } from './postgres-result.ts';
import { registerStudy, type StudyRecord } from './postgres-studies.ts';

/** A trial's job is retried this many times after its first try fails or expires, on whichever worker takes it. */
export const trialRetries = 2;

export interface PostgresExecutorOptions {
  address: DatabaseAddress;
  /** The study whose trials this executor publishes; recorded for workers to check jobs against. */
  study: StudyRecord;
  /**
   * Seconds a worker has for a trial once it takes it (default 900, pg-boss's 15 minutes): then
   * the worker gives up on it, and a job whose worker died expires. Either way it is retried.
   */
  expireInSeconds?: number;
  /** Seconds between looks at the state of the trials' jobs (default 0.5). */
  pollSeconds?: number;
  /** Told of database errors the executor rides out (the password already taken out). */
  warn(text: string): void;
  /** Seconds a running trial's worker may go without a heartbeat before the trial goes to another worker (default 20). */
  heartbeatGrace?: number;
  /** Told of each trial handed to another worker because its worker stopped beating. */
  handedOver?(trial: SilentTrial): void;
}

const jobRow = z.object({
  state: z.enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed']),
  output: z.unknown(),
  retryCount: z.number(),
});

/** A trial's steps from its job's final row, or an Error with the reason it failed. */
function outcome(row: unknown): Step[] {
  if (row === null) throw new Error('its job is gone from the queue (deleted by hand?)');
  const job = jobRow.parse(row);
  if (job.state === 'completed') return decodeSteps(job.output);
  if (job.state === 'cancelled') throw new Error('its job was cancelled in the queue');
  throw new Error(`failed on all ${job.retryCount + 1} tries; the last: ${failureMessage(job.output)}`);
}

const ended = (row: unknown) => row === null || ['completed', 'cancelled', 'failed'].includes(jobRow.parse(row).state);

/**
 * Runs trials on other machines through PostgreSQL (pg-boss): each trial becomes a job that
 * any `skewtune worker` may take, whose id comes from (study, round, index), so publishing a
 * trial again (a resumed coordinator does) finds the job already there, finished or not, and
 * its one result. `concurrency` is unbounded: a round's trials are all published at once, and
 * the workers decide how many run. Abandoning a trial cancels its job.
 *
 * @example
 * const executor = await postgresExecutor({ address, study: { id, space, task }, warn: console.error });
 * search(space, executor, { ...options, study: id, task }).subscribe(...); // then: await executor.close()
 */
export async function postgresExecutor(options: PostgresExecutorOptions): Promise<Executor> {
  const expireInSeconds = options.expireInSeconds ?? 900;
  if (!(Number.isInteger(expireInSeconds) && expireInSeconds >= 1 && expireInSeconds < 86_400)) {
    throw new RangeError(`postgres executor: expireInSeconds must be an integer from 1 to 86399 (pg-boss's limit), but got ${expireInSeconds}`);
  }
  const pollMs = (options.pollSeconds ?? 0.5) * 1000;
  // Expired jobs are found by pg-boss's maintenance: look a few times within an expiry.
  const queue = await openQueue(options.address, { warn: options.warn, maintenanceSeconds: Math.min(120, Math.max(1, Math.round(expireInSeconds / 10))) });
  try {
    await registerStudy(queue.boss, options.study);
  } catch (error) {
    await queue.close();
    throw error;
  }
  const pending = new Set<Promise<void>>();
  const watch = watchHeartbeats(queue, options);
  const track = (work: Promise<unknown>) => {
    const settled = work.then(() => {}, (error: unknown) => options.warn(queue.hide(`${queue.address.shown}: ${String(error)}`))).finally(() => pending.delete(settled));
    pending.add(settled);
  };
  // One warning per outage, not one per trial and poll: cleared by the next look that works.
  let lastWarning: string | undefined;
  const warnOnce = (error: unknown) => {
    const text = queue.hide(`${queue.address.shown}: ${error instanceof Error ? error.message : String(error)}; trying again`);
    if (text !== lastWarning) options.warn(text);
    lastWarning = text;
    return timer(pollMs);
  };
  return {
    concurrency: Number.POSITIVE_INFINITY,
    run: (job) => new Observable<Step>((subscriber) => {
      const id = trialJobId(job);
      watch.add(id);
      let published: Promise<unknown> = Promise.resolve();
      let done = false;
      const subscription = defer(() => (published = publish(queue, job, id, expireInSeconds))).pipe(
        switchMap(() => timer(0, pollMs)),
        exhaustMap(() => queue.boss.getJobById(queue.name, id, { includeArchive: true })),
        tap(() => (lastWarning = undefined)),
        retry({ delay: warnOnce }),
        first(ended),
      ).subscribe({
        next: (row) => {
          done = true;
          let steps: Step[];
          try {
            steps = outcome(row);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          for (const step of steps) subscriber.next(step);
          subscriber.complete();
        },
        error: (error: unknown) => {
          done = true;
          subscriber.error(error);
        },
      });
      return () => {
        watch.delete(id);
        subscription.unsubscribe();
        // Cancelled after its publishing settles, so a job being inserted right now is cancelled too.
        if (!done) track(published.then(() => queue.boss.cancel(queue.name, id)));
      };
    }),
    close: async () => {
      await watch.stop();
      await Promise.all(pending);
      await queue.close();
    },
  };
}

/**
 * Every `beatSeconds`, hands the trials whose worker stopped beating to another worker (see
 * postgres-heartbeat.ts), so a killed worker costs the grace, not the trial timeout.
 */
function watchHeartbeats(queue: TrialQueue, options: PostgresExecutorOptions) {
  const grace = options.heartbeatGrace ?? defaultHeartbeatGrace;
  const ids = new Set<string>();
  let looking: Promise<void> = Promise.resolve();
  const look = async () => {
    for (const trial of await silentTrials(queue.boss, queue.name, [...ids], grace)) {
      await handOver(queue.boss, queue.name, trial, grace);
      options.handedOver?.(trial);
    }
  };
  const timer = setInterval(() => {
    looking = looking.then(look).catch((error: unknown) => options.warn(queue.hide(`${queue.address.shown}: heartbeats: ${String(error)}`)));
  }, beatSeconds * 1000);
  return {
    add: (id: string) => ids.add(id),
    delete: (id: string) => ids.delete(id),
    stop: async () => {
      clearInterval(timer);
      await looking;
    },
  };
}

/** Publishes a trial's job unless the queue holds it already; a job an abandoned run cancelled is taken up again. */
async function publish(queue: TrialQueue, job: TrialJob, id: string, expireInSeconds: number): Promise<void> {
  const sent = await queue.boss.send(queue.name, job, { id, retryLimit: trialRetries, expireInSeconds });
  if (sent === null) await queue.boss.resume(queue.name, id);
}
