import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { ReplaySubject, Subject, firstValueFrom, lastValueFrom, merge, mergeMap, race, takeUntil, throwError, timer, toArray, type Observable } from 'rxjs';
import { z } from 'zod';
import { shortNumber } from '../text/short-number.js';
import type { Executor } from './executor.ts';
import type { TrialQueue } from './postgres-queue.ts';
import { heartbeat } from './postgres-heartbeat.ts';
import { encodeSteps, type TrialOutput } from './postgres-result.ts';
import { jobProblem, parseTrialJob, readStudyRecord, type StudyRecord } from './postgres-studies.ts';
import type { Space } from './space.ts';
import { trialTimeout } from './trial-timeout.ts';

export interface ServeOptions {
  /** Trials run at once; `executor` should run as many. */
  concurrency: number;
  /** Reads a study's recorded space, throwing if it is not one this worker can run (for `skewtune worker`: `parseTrialSpace`). */
  parseSpace(json: unknown, where: string): Space;
  /** Told when the worker starts taking jobs, and as each trial starts and ends. */
  log(text: string): void;
  /** Its first emission stops the taking of jobs and lets running trials finish; a second hands them back to the queue. */
  stop: Observable<unknown>;
  /** Seconds between looks for jobs while there are none (default 0.5). */
  pollSeconds?: number;
  /** Told as each trial taken ends, after its job is recorded. */
  ended?(outcome: 'complete' | 'failed'): void;
}

const completion = z.object({ affected: z.number() });

/**
 * The worker's side of a distributed search: takes trial jobs from the queue (as many as
 * `concurrency` at once), checks each against its study as recorded in the database (the
 * parameters inside the space, the task the study's) and runs it on `executor`, completing the
 * job with the trial's steps or failing it with the reason, which pg-boss retries. A trial
 * still running when its job expires is given up. Resolves once stopped and every trial taken
 * has finished or been handed back (failed, so another worker retries it at once).
 *
 * @example
 * await serveTrials(queue, workerExecutor({ module, workers: 2 }), { concurrency: 2, parseSpace: parseTrialSpace, log: console.log, stop });
 */
export async function serveTrials(queue: TrialQueue, executor: Executor, options: ServeOptions): Promise<void> {
  const who = `${hostname()}/${process.pid}`;
  const pollMs = (options.pollSeconds ?? 0.5) * 1000;
  const studies = new Map<string, Promise<StudyRecord | undefined>>();
  const studyOf = (id: string) => {
    if (!studies.has(id)) {
      const study = readStudyRecord(queue.boss, id, options.parseSpace);
      // Only a study found is kept: a missing one, or a failed look, is looked up again next time.
      study.then((s) => s === undefined && studies.delete(id), () => studies.delete(id));
      studies.set(id, study);
    }
    return studies.get(id)!;
  };
  // Replayed, so a trial still being checked when the second stop comes is handed back too.
  const release = new ReplaySubject<void>(1);
  // `woken` keeps a wake that comes while the loop is not waiting (during a fetch, say).
  const wakes = new Subject<void>();
  let woken = false;
  const wake = () => {
    woken = true;
    wakes.next();
  };
  let stops = 0;
  const stopping = options.stop.subscribe(() => {
    stops++;
    wake();
    if (stops === 2) release.next();
  });
  // Said once a stop is listened for, so whoever waits for this line can stop the worker cleanly.
  options.log(`worker ${who}: taking trials from ${queue.address.shown}, ${options.concurrency} at a time`);

  async function serve(job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const started = performance.now();
    const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const tries = `try ${job.retryCount + 1} of ${job.retryLimit + 1}`;
    let label = `job ${job.id}`;
    let rung = '';
    let outcome: { steps: TrialOutput; text: string } | { error: string };
    // Beats while the trial runs, so the coordinator can tell this worker is alive (see postgres-heartbeat.ts).
    const beats = heartbeat(queue.boss, job.id, who, (text) => options.log(queue.hide(text)));
    try {
      const trial = parseTrialJob(job.data);
      label = `study ${trial.study.slice(0, 8)} round ${trial.round} trial ${trial.index}`;
      // Under a pruner each rung of a trial is a job of its own: its start names the rung.
      rung = trial.epochs === undefined ? '' : ` to epoch ${trial.epochs}`;
      await beats.first;
      options.log(`${label}: started${rung} (${tries})`);
      const study = await studyOf(trial.study);
      if (!study) throw new Error(`rejected: study ${trial.study} is not recorded in the database`);
      const problem = jobProblem(trial, study);
      if (problem) throw new Error(`rejected: ${problem}`);
      // pg-boss gives the expiry as numeric text ("900.000000").
      const expiry = Number(job.expireInSeconds);
      const giveUp = merge(
        trialTimeout(expiry),
        release.pipe(mergeMap(() => throwError(() => new Error(`handed back: worker ${who} was stopped`)))),
      );
      const steps = await lastValueFrom(executor.run(trial).pipe(takeUntil(giveUp), toArray()));
      outcome = { steps: encodeSteps(steps), text: `complete in ${seconds()}, last score ${steps.length ? shortNumber(steps.at(-1)!.score) : 'none'}` };
    } catch (error) {
      outcome = { error: `${error instanceof Error ? error.message : String(error)} (worker ${who})` };
    } finally {
      beats.stop();
    }
    try {
      if ('error' in outcome) {
        await queue.boss.fail(queue.name, job.id, { message: outcome.error });
        options.log(`${label}: failed (${tries}): ${outcome.error}`);
        options.ended?.('failed');
        return;
      }
      // pg-boss's types say void; it gives how many jobs the call completed.
      const result: unknown = await queue.boss.complete(queue.name, job.id, outcome.steps);
      const recorded = completion.safeParse(result).data?.affected !== 0;
      options.log(`${label}: ${outcome.text}${recorded ? '' : '; its job had expired or been cancelled meanwhile, so the result was dropped'}`);
      options.ended?.('complete');
    } catch (error) {
      options.log(`${label}: could not record its end (${queue.hide(String(error))}); the job will expire and be retried`);
    }
  }

  const running = new Set<Promise<void>>();
  while (stops === 0) {
    woken = false;
    const free = options.concurrency - running.size;
    const jobs = free > 0 ? await queue.boss.fetch<unknown>(queue.name, { batchSize: free, includeMetadata: true }) : [];
    for (const job of jobs) {
      const trial = serve(job).finally(() => {
        running.delete(trial);
        wake();
      });
      running.add(trial);
    }
    // Every slot is busy, or the queue had no more: wait for a trial to end, a stop, or the next look.
    if (!woken) await firstValueFrom(race(timer(pollMs), wakes));
  }
  await Promise.all(running);
  stopping.unsubscribe();
}
