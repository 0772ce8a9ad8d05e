import { catchError, defer, from, lastValueFrom, map, mergeMap, of, toArray } from 'rxjs';
import type { Metrics } from '../metrics/classification.ts';
import { evaluate } from '../metrics/evaluate.ts';
import { metricRegistry } from '../metrics/registry.ts';
import { defaultTrainConfig } from '../nn/trainer.ts';
import type { Executor } from '../search/executor.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import { endTrial, type CompleteTrial } from '../search/trial.ts';
import { executorNamed } from './executors.ts';
import type { StartedStudy } from './start.ts';
import type { Recheck } from './report.ts';
import type { MlpTask, taskData } from './task.ts';
import { trialSetup } from './trial-space.ts';

/**
 * The honesty check of step 2: the `top` best trials (`ranked`, best first) run again on the
 * executor, each with its own seed and parameters, for `epochs` epochs on the same task, and
 * scored by the validation metric after the last epoch: what full training gives, rather than
 * the best epoch, which would share the trial's first epochs. They run as a study of their own
 * (`study` + "/recheck"), so an executor that keys jobs by study never confuses them with the
 * trials. A configuration that fails to retrain keeps its reason.
 *
 * @example
 * const rechecks = await recheckTop(executor, ranked, { study, task, epochs: 10, top: 5 });
 */
export function recheckTop(
  executor: Executor,
  ranked: readonly CompleteTrial[],
  o: { study: string; task: MlpTask; epochs: number; top: number },
): Promise<Recheck[]> {
  const task = { ...o.task, epochs: o.epochs };
  const top = ranked.slice(0, o.top);
  const rerun = (trial: CompleteTrial, order: number) => defer(() => {
    const planned = { round: trial.round, index: trial.index, seed: trial.seed, params: trial.params };
    return executor.run({ study: `${o.study}/recheck`, ...planned, task }).pipe(
      toArray(),
      map((steps) => endTrial(planned, steps, metricRegistry[task.metric].direction, 0)),
      map((ended) => ({ order, recheck: { trial, score: ended.last, error: ended.error ?? null } })),
      catchError((error: unknown) => of({ order, recheck: { trial, score: null, error: error instanceof Error ? error.message : String(error) } })),
    );
  });
  return lastValueFrom(from(top).pipe(
    mergeMap((trial, order) => rerun(trial, order), executor.concurrency),
    toArray(),
    map((done) => done.sort((a, b) => a.order - b.order).map((d) => d.recheck)),
  ), { defaultValue: [] });
}

/**
 * The honesty check of a started study: its `recheck` best trials retrained for its final
 * epochs (see `recheckTop`). Remote workers take only the study's own trials, so when trials
 * ran elsewhere the check runs here, on a local executor of its own.
 *
 * @example
 * const rechecks = await recheckStudy(run, rankedTrials(done.trials, run.direction));
 */
export async function recheckStudy(run: StartedStudy, ranked: readonly CompleteTrial[]): Promise<Recheck[]> {
  const { settings, executorOptions } = run;
  const local = executorOptions.spec === 'local' ? undefined : (await executorNamed('local')({ ...executorOptions, spec: 'local' })).executor;
  try {
    return await recheckTop(local ?? run.started.executor, ranked, { study: run.study.study, task: run.task, epochs: settings.finalEpochs, top: settings.recheck });
  } finally {
    await local?.close();
  }
}

/**
 * Step 4: the best configuration, with its strategy, retrained with its seed for `epochs` on
 * the whole training split and scored once on the test split.
 *
 * @example
 * const test = await finalTest(best, data, 10);
 */
export async function finalTest(best: CompleteTrial, data: ReturnType<typeof taskData>, epochs: number): Promise<Metrics> {
  const { train, mlp } = trialSetup(best.params);
  const final = await lastValueFrom(train(
    { train: data.splits.train, validation: data.splits.validation },
    { ...trainConfigOf(mlp, defaultTrainConfig), epochs, seed: best.seed },
  ));
  if (final.type !== 'done') throw new Error('final training ended without a model');
  return evaluate(final.model, data.splits.test);
}
