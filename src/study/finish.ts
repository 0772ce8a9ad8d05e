import { catchError, defer, filter, from, lastValueFrom, map, mergeMap, of, takeWhile, tap, toArray } from 'rxjs';
import type { Metrics } from '../metrics/classification.ts';
import { metricRecord, type MetricName } from '../metrics/registry.ts';
import { decide, decisionMetric, type DecisionSummary } from '../model/decide.ts';
import type { DecisionRule, DecisionRuleName } from '../model/decision.ts';
import { restoreWeights } from '../nn/checkpoint.ts';
import type { Classifier, Model } from '../nn/model.ts';
import { defaultTrainConfig, type TrainConfig } from '../nn/trainer.ts';
import type { Executor } from '../search/executor.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import type { Direction } from '../search/narrowing.ts';
import { endTrial, isComplete, type ScoredTrial } from '../search/trial.ts';
import { patience, stopWhenStale } from './early-stop.ts';
import { validationScore, type EpochEvent } from './objective.ts';
import { executorNamed } from './executors.ts';
import type { StartedStudy } from './start.ts';
import type { Recheck } from './report.ts';
import type { MlpTask, taskData } from './task.ts';
import { trialSetup } from './trial-space.ts';

/**
 * The honesty check of step 2 when trials ran once each (no pruner): the `top` best trials
 * (`ranked`, best first) run again on the executor, each with its own seed and parameters, for
 * up to `epochs` epochs on the same task, stopping early on the validation split, and scored by
 * their best epoch's validation metric: what full training gives. They run as a study of their
 * own (`study` + "/recheck"), so an executor that keys jobs by study never confuses them with
 * the trials. A configuration that fails to retrain keeps its reason.
 *
 * @example
 * const rechecks = await recheckTop(executor, ranked, { study, task, epochs: 20, top: 5 });
 */
export function recheckTop(
  executor: Executor,
  ranked: readonly ScoredTrial[],
  o: { study: string; task: MlpTask; epochs: number; top: number },
): Promise<Recheck[]> {
  const task = { ...o.task, epochs: o.epochs, patience };
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
 * ran elsewhere the check runs here, on a local executor of its own.
 *
 * @example
 * const rechecks = await recheckStudy(run, rankedTrials(done.trials, run.direction));
 */
export async function recheckStudy(run: StartedStudy, ranked: readonly ScoredTrial[]): Promise<Recheck[]> {
  const { settings, executorOptions } = run;
  const local = executorOptions.spec === 'local' ? undefined : (await executorNamed('local')({ ...executorOptions, spec: 'local' })).executor;
  try {
    return await recheckTop(local ?? run.started.executor, ranked, { study: run.study.study, task: run.task, epochs: settings.finalEpochs, top: settings.recheck });
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
  const best = (scores: number[]) => (direction === 'maximize' ? Math.max(...scores) : Math.min(...scores));
  return ranked.filter(isComplete).slice(0, top).map((trial) => ({
    trial, few: best(trial.history.slice(0, fewEpochs).map((s) => s.score)), score: trial.score, error: null,
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
  const sign = direction === 'maximize' ? 1 : -1;
  const scored = rechecks.filter((r): r is Recheck & { score: number } => r.score !== null);
  return scored.reduce<(Recheck & { score: number }) | undefined>((a, r) => (!a || sign * (r.score - a.score) > 0 ? r : a), undefined)?.trial ?? best;
}

/** The epoch (from 1) at which a trial scored best. */
function bestEpoch(trial: ScoredTrial, direction: Direction): number {
  const scores = trial.history.map((s) => s.score);
  return scores.indexOf(direction === 'maximize' ? Math.max(...scores) : Math.min(...scores)) + 1;
}

/** What the final training gave: the test metrics of its best epoch's weights, which epoch that was, how many it trained, and whether the time ran out. */
export interface FinalTest {
  test: Metrics;
  epoch: number;
  epochs: number;
  timeUp: boolean;
}

/**
 * Step 4: the chosen configuration, with its strategy, retrained with its seed for up to
 * `epochs` on the whole training split, stopping early on the validation split (see
 * `stopWhenStale`; not before the epoch its trial scored best at), or once `final.until` (a `performance.now()` time, the
 * budget's end) has passed, also not before that epoch, and keeping its best epoch's weights (a trainer that gives no checkpoint,
 * as bagging, keeps its last); then scored once on the test split, under a decision rule fitted on the validation split
 * (`argmax` unless `final.decision` names another; `tuned` maximises `metric`). `final.keep` receives the model, how it
 * was made, and the test metrics (the search saves them as `model.skt`).
 *
 * @example
 * const { test, epoch } = await finalTest(chosen, data, 20, 'accuracy');
 */
export async function finalTest(
  best: ScoredTrial, data: ReturnType<typeof taskData>, epochs: number, metric: MetricName,
  final: { decision?: DecisionRuleName; until?: number; keep?: (model: Classifier, how: FinalTraining, test: Metrics) => void } = {},
): Promise<FinalTest> {
  const { spec, train, mlp } = trialSetup(best.params);
  const config = { ...trainConfigOf(mlp, defaultTrainConfig), epochs, seed: best.seed };
  const { direction } = metricRecord(metric);
  const sign = direction === 'maximize' ? 1 : -1;
  const validation = data.splits.validation;
  let top: { score: number; epoch: number; weights: Uint8Array | undefined } | undefined;
  // Not before the epoch the trial scored best at: with the same seed (on all rows, or the trial's own), it trains at least that far.
  const atLeast = bestEpoch(best, direction);
  const until = final.until ?? Infinity;
  let timeUp = false;
  const last = await lastValueFrom(train({ train: data.splits.train, validation }, config).pipe(
    filter((event): event is EpochEvent => event.type === 'epoch'),
    map((event) => ({ event, score: validationScore(event, validation, metric) })),
    tap(({ event, score }) => {
      if (!top || sign * (score - top.score) > 0) top = { score, epoch: event.epoch, weights: event.checkpoint?.() };
    }),
    stopWhenStale((e) => e.score, direction, patience, atLeast),
    takeWhile(({ event }) => !(timeUp = event.epoch >= atLeast && performance.now() >= until), true),
  ));
  const model = last.event.model;
  if (!model) throw new Error('final training gave no model');
  if (top?.weights && 'params' in model) restoreWeights(model as Model, top.weights);
  const { test, rule, before, after } = decide(model, data.splits, final.decision ?? 'argmax', decisionMetric(metric, data.splits.train.classNames));
  final.keep?.(model, { config, strategy: spec, decision: rule, before, after }, test);
  return { test, epoch: top?.weights ? top.epoch : last.event.epoch, epochs: last.event.epoch, timeUp };
}

/** How a study's final model was made: its training config, strategy spec and decision rule, and the test split before and after the rule. */
export interface FinalTraining {
  config: TrainConfig;
  strategy: string;
  decision: DecisionRule;
  before: DecisionSummary;
  after: DecisionSummary;
}
