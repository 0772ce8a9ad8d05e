import { defer, type Observable } from 'rxjs';
import { steps, type Objective, type Step, type TrialContext } from './objective.ts';
import type { Json, Params } from './space.ts';

/**
 * One trial to run, as plain JSON so it can cross a thread or a machine: which study, where
 * it stands (round from 1, index from 0), its seed, its parameters, and the `task` the
 * objective is built from (for the MLP: the dataset spec, its split settings and the data's
 * hash, so a worker elsewhere can check it trains on the same data).
 */
export interface TrialJob {
  study: string;
  round: number;
  index: number;
  seed: number;
  params: Params;
  task: Json;
  /** With a pruner: the epochs to train up to (this rung), and where the trial stopped before (base64), if it ran. */
  epochs?: number;
  checkpoint?: string;
}

/**
 * What the objective is told of a job: its seed, and the rung and checkpoint when it has them.
 *
 * @example
 * objective(job.params, trialContext(job));
 */
export const trialContext = (job: TrialJob): TrialContext => ({
  seed: job.seed,
  ...(job.epochs !== undefined && { epochs: job.epochs }),
  ...(job.checkpoint !== undefined && { checkpoint: job.checkpoint }),
});

/**
 * Runs trials somewhere: in this thread, in worker threads, or through a job queue other
 * machines consume (`postgresExecutor`). `run` emits the trial's steps and completes, or errors with the
 * reason it failed; unsubscribing abandons the trial. `concurrency` is how many trials the
 * search should keep running at once.
 *
 * @example
 * const executor = inProcessExecutor((p) => Number(p.x) ** 2);
 * executor.run(job).subscribe((step) => console.log(step.score));
 */
export interface Executor {
  readonly concurrency: number;
  run(job: TrialJob): Observable<Step>;
  close(): Promise<void>;
}

/**
 * Runs the objective in this thread. An objective that yields between steps (the trainer
 * does, between epochs) interleaves with `concurrency` others and can be timed out or abandoned.
 *
 * @example
 * search(space, inProcessExecutor(objective, 2), options);
 */
export function inProcessExecutor(objective: Objective, concurrency = 1): Executor {
  return {
    concurrency,
    run: (job) => defer(() => steps(objective(job.params, trialContext(job)))),
    close: async () => {},
  };
}
