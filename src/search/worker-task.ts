import type { MessagePort } from 'node:worker_threads';
import { lastValueFrom, tap } from 'rxjs';
import { trialContext, type TrialJob } from './executor.ts';
import { steps, type Objective, type Step } from './objective.ts';
import type { Json } from './space.ts';

/**
 * What a module must export to be run by worker threads: the objective for a job's `task`.
 * Built once per task in each worker, so loading a dataset is paid once, not per trial.
 *
 * @example
 * export const objectiveFor: ObjectiveFactory = (task) => (params) => score(params, task);
 */
export type ObjectiveFactory = (task: Json) => Objective | Promise<Objective>;

/** What the worker sends back on the job's port: each step, then the end. */
export type WorkerMessage = { type: 'step'; step: Step } | { type: 'done' } | { type: 'error'; message: string };

/** A job as posted to the pool: the trial, and a port for steps (the module is the pool's: see ./worker.js). */
export interface WorkerJob {
  job: TrialJob;
  port: MessagePort;
}

const objectives = new Map<string, Promise<Objective>>();

function objectiveOf(module: string, task: Json): Promise<Objective> {
  const key = `${module}\n${JSON.stringify(task)}`;
  if (!objectives.has(key)) {
    objectives.set(key, import(module).then((m: { objectiveFor?: ObjectiveFactory }) => {
      if (typeof m.objectiveFor !== 'function') throw new TypeError(`${module} must export a function objectiveFor(task)`);
      return m.objectiveFor(task);
    }));
  }
  return objectives.get(key)!;
}

/**
 * Runs one trial in a worker thread, with the objective that `module` (a URL) builds. Steps
 * and the end travel on the job's own port, so they arrive in order; a failure is posted as a
 * message rather than thrown, because the pool's channel and the port's are not ordered with
 * each other.
 */
export async function runJob({ job, port }: WorkerJob, module: string): Promise<void> {
  try {
    const objective = await objectiveOf(module, job.task);
    await lastValueFrom(steps(objective(job.params, trialContext(job))).pipe(tap((step) => port.postMessage({ type: 'step', step } satisfies WorkerMessage))), { defaultValue: undefined });
    port.postMessage({ type: 'done' } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  } finally {
    port.close();
  }
}
