import { catchError, defer, from, lastValueFrom, map, mergeMap, of, toArray } from 'rxjs';
import { metricRecord } from '../metrics/registry.ts';
import type { Executor } from '../search/executor.ts';
import type { Direction } from '../search/narrowing.ts';
import { endTrial, isComplete, type ScoredTrial } from '../search/trial.ts';
import { patience } from './early-stop.ts';
import { executorNamed } from './executors.ts';
import type { StartedStudy } from './start.ts';
import type { Recheck } from './report.ts';
import type { MlpTask } from './task.ts';
import { bestScore, better } from '../search/direction.ts';

/**
 * The honesty check of step 2 when trials ran once each (no pruner): the `top` best trials
 * (`ranked`, best first) run again on the executor, each with its own seed and parameters, for
 * up to `epochs` epochs on the same task, stopping early on the validation split, and scored by
 * their best epoch's validation metric: what full training gives. They run as a study of their
 * own (`study` + "/recheck"), so an executor that keys jobs by study never confuses them with
 * the trials. A configuration that fails to retrain keeps its reason. With `until` (a `Date.now()` time: a budget's share)
 * each stops between epochs once it has passed, scored by the epochs it trained.
 *
 * @example
 * const rechecks = await recheckTop(executor, ranked, { study, task, epochs: 20, top: 5 });
 */
export function recheckTop(
  executor: Executor,
  ranked: readonly ScoredTrial[],
  o: { study: string; task: MlpTask; epochs: number; top: number; until?: number },
): Promise<Recheck[]> {
  const task = { ...o.task, epochs: o.epochs, patience, ...(o.until !== undefined && { until: o.until }) };
  const top = ranked.slice(0, o.top);
  const rerun = (trial: ScoredTrial, order: number) => defer(() => {
    const planned = { round: trial.round, index: trial.index, seed: trial.seed, params: trial.params };
    return executor.run({ study: `${o.study}/recheck`, ...planned, task }).pipe(
      toArray(),
      map((steps) => endTrial(planned, steps, metricRecord(task.metric).direction, 0)),
      map((ended) => ({ order, recheck: { trial, score: ended.score, error: ended.error ?? null } })),
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
 * ran elsewhere the check runs here, on a local executor of its own; `until` bounds it (see `recheckTop`).
 *
 * @example
 * const rechecks = await recheckStudy(run, rankedTrials(done.trials, run.direction));
 */
export async function recheckStudy(run: StartedStudy, ranked: readonly ScoredTrial[], until?: number): Promise<Recheck[]> {
  const { settings, executorOptions } = run;
  const local = executorOptions.spec === 'local' ? undefined : (await executorNamed('local')({ ...executorOptions, spec: 'local' })).executor;
  try {
    return await recheckTop(local ?? run.started.executor, ranked, {
      study: run.study.study, task: run.task, epochs: settings.finalEpochs, top: settings.recheck, ...(until !== undefined && { until }),
    });
  } finally {
    await local?.close();
  }
}

/**
 * The honesty check under a pruner, which is its top rung: the `top` best trials that trained
 * every epoch, each with its score after the first rung's epochs (`few`) and after all of them,
 * its best epoch's. No training: successive halving already trained them on.
 *
 * @example
 * topRung(ranked, pruner.rungs[0], 5); // the survivors, few-epoch score against full
 */
export function topRung(ranked: readonly ScoredTrial[], fewEpochs: number, top: number, direction: Direction): Recheck[] {
  return ranked.filter(isComplete).slice(0, top).map((trial) => ({
    trial, few: bestScore(direction, trial.history.slice(0, fewEpochs).map((s) => s.score)), score: trial.score, error: null,
  }));
}

/**
 * Step 4's configuration: the rechecked one that scored best after full training (the honesty
 * check decides, not the few-epoch ranking), else the search's best.
 *
 * @example
 * const chosen = finalChoice(done.best, rechecks, 'maximize');
 */
export function finalChoice(best: ScoredTrial, rechecks: readonly Recheck[], direction: Direction): ScoredTrial {
  const scored = rechecks.filter((r): r is Recheck & { score: number } => r.score !== null);
  return scored.reduce<(Recheck & { score: number }) | undefined>((a, r) => (!a || better(direction, r.score, a.score) ? r : a), undefined)?.trial ?? best;
}
