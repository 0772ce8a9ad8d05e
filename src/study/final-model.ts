import { filter, identity, lastValueFrom, map, takeWhile, tap } from 'rxjs';
import type { Metrics } from '../metrics/classification.ts';
import { evaluate } from '../metrics/evaluate.ts';
import { metricRecord, type MetricName } from '../metrics/registry.ts';
import { decide, decisionMetric, type DecisionSummary } from '../model/decide.ts';
import type { DecisionRule, DecisionRuleName } from '../model/decision.ts';
import { averaged } from '../nn/averaged.ts';
import { restoreWeights } from '../nn/checkpoint.ts';
import type { Classifier, Model } from '../nn/model.ts';
import { checkSize } from '../nn/network-size.ts';
import { defaultTrainConfig, type TrainConfig } from '../nn/trainer.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import type { Direction } from '../search/narrowing.ts';
import type { ScoredTrial } from '../search/trial.ts';
import { patience, stopWhenStale } from './early-stop.ts';
import { validationScore, type EpochEvent } from './objective.ts';
import type { taskData } from './task.ts';
import { trialSetup } from './trial-space.ts';

type Data = ReturnType<typeof taskData>;

/** One network of the final model: its seed, where early stopping left it, and its scores alone (arg-max). */
export interface FinalMember {
  seed: number | string;
  /** The epoch whose weights it kept, how many it trained, and whether the time budget stopped it. */
  epoch: number;
  epochs: number;
  timeUp: boolean;
  /** The study metric on the validation and the test split, this network alone. */
  validation: number;
  test: number;
  /** Whether it is in the final model: it joined only if the average's validation score did not fall. */
  kept: boolean;
}

/** What the final training gave: the final model's test metrics, its networks (the first is the chosen configuration's own seed), and whether the time ran out. */
export interface FinalTest {
  test: Metrics;
  /** The first network's kept epoch and epochs trained (see `FinalMember`). */
  epoch: number;
  epochs: number;
  timeUp: boolean;
  members: FinalMember[];
  /** The final model's validation score (the study metric). */
  validation: number;
  /** Under refit: the rows the final model trained on (every training row) and the epochs, the folds' best. */
  refit?: { rows: number; epochs: number };
}

/** How a study's final model was made: its training config, strategy spec and decision rule, and the test split before and after the rule. */
export interface FinalTraining {
  config: TrainConfig;
  strategy: string;
  decision: DecisionRule;
  before: DecisionSummary;
  after: DecisionSummary;
}

/** The epoch (from 1) at which a trial scored best. */
function bestEpoch(trial: ScoredTrial, direction: Direction): number {
  const scores = trial.history.map((s) => s.score);
  return scores.indexOf(direction === 'maximize' ? Math.max(...scores) : Math.min(...scores)) + 1;
}

/**
 * One network of the chosen configuration, trained with `config` on the whole training split, stopping early on the validation
 * split (not before `atLeast` epochs) or once `until` (a `performance.now()` time) has passed, also not before `atLeast`, and
 * keeping its best epoch's weights (a trainer that gives no checkpoint, as bagging, keeps its last).
 */
async function trainMember(
  train: ReturnType<typeof trialSetup>['train'], config: TrainConfig, data: Data, metric: MetricName, atLeast: number, until: number, refit: boolean,
): Promise<{ model: Classifier; epoch: number; epochs: number; timeUp: boolean; seconds: number }> {
  const { direction } = metricRecord(metric);
  const sign = direction === 'maximize' ? 1 : -1;
  const validation = data.splits.validation;
  const started = performance.now();
  let top: { score: number; epoch: number; weights: Uint8Array | undefined } | undefined;
  let timeUp = false;
  // A refit trains on every training row, validation's included, for the folds' epoch count: its validation scores steer nothing.
  const rows = refit ? { train: data.rows, validation } : { train: data.splits.train, validation };
  const last = await lastValueFrom(train(rows, refit ? { ...config, epochs: atLeast } : config).pipe(
    filter((event): event is EpochEvent => event.type === 'epoch'),
    map((event) => ({ event, score: refit ? 0 : validationScore(event, validation, metric) })),
    tap(({ event, score }) => {
      if (!refit && (!top || sign * (score - top.score) > 0)) top = { score, epoch: event.epoch, weights: event.checkpoint?.() };
    }),
    refit ? identity : stopWhenStale((e) => e.score, direction, patience, atLeast),
    // A refit has no validation to fall back on, so the budget may stop it before the folds' epoch count.
    takeWhile(({ event }) => !(timeUp = event.epoch >= (refit ? 1 : atLeast) && performance.now() >= until), true),
  ));
  const model = last.event.model;
  if (!model) throw new Error('final training gave no model');
  if (top?.weights && 'params' in model) restoreWeights(model as Model, top.weights);
  const epoch = top?.weights ? top.epoch : last.event.epoch;
  return { model, epoch, epochs: last.event.epoch, timeUp, seconds: (performance.now() - started) / 1000 };
}

/**
 * Step 4: the chosen configuration, with its strategy, retrained on the whole training split (see `trainMember`; not before the
 * epoch its trial scored best at) as `final.members` networks (default 1): the first with the trial's seed, each other with a
 * seed of its own. With a time budget (`final.until`, its end) each network gets an equal share of the time left when it
 * starts, and a network is not started when the first one's pace says it could not reach that epoch in time. The networks
 * join the final model best first, each only if the average of the class probabilities does not lower the validation score
 * (a greedy ensemble selection, Caruana et al. 2004, without repeats); averaging networks that differ only in their seed
 * lowers the variance of what one training run gives. The final model is then scored once on the test split, under a
 * decision rule fitted on the validation split (`argmax` unless `final.decision` names another; `tuned` maximises `metric`).
 * `final.keep` receives the model, how it was made, and the test metrics (the search saves them as `model.skt`).
 * With `final.refit` (an epoch count), each network instead trains on every training row (`data.rows`: the training and
 * validation split together) for exactly that many epochs, as scikit-learn's refit does, and all of them join the model.
 *
 * @example
 * const { test, members } = await finalTest(chosen, data, 20, 'accuracy', { members: 3 });
 */
export async function finalTest(
  best: ScoredTrial, data: Data, epochs: number, metric: MetricName,
  final: { decision?: DecisionRuleName; until?: number; members?: number; refit?: number; keep?: (model: Classifier, how: FinalTraining, test: Metrics) => void } = {},
): Promise<FinalTest> {
  const { spec, train, mlp } = trialSetup(best.params);
  const config = { ...trainConfigOf(mlp, defaultTrainConfig), epochs, seed: best.seed };
  const size = final.members ?? 1;
  // The networks live together in the final model: all of them must fit, not just one.
  checkSize(data.splits.train, config, size);
  const record = metricRecord(metric);
  const sign = record.direction === 'maximize' ? 1 : -1;
  const score = (model: Classifier, split: 'validation' | 'test') => record.of(evaluate(model, data.splits[split]));
  // A refit trains for the folds' epoch count (see `foldEpochs`); otherwise at least to the trial's best epoch.
  const atLeast = final.refit ?? bestEpoch(best, record.direction);
  const refit = final.refit !== undefined;
  const end = final.until ?? Infinity;
  const trained: (Awaited<ReturnType<typeof trainMember>> & { seed: number | string })[] = [];
  for (let i = 0; i < size; i++) {
    const now = performance.now();
    const first = trained[0];
    if (first && now + (first.seconds / first.epochs) * atLeast * 1000 > end) break;
    const seed = i === 0 ? best.seed : `${best.seed}/member${i}`;
    trained.push({ seed, ...await trainMember(train, { ...config, seed }, data, metric, atLeast, now + (end - now) / (size - i), refit) });
  }
  const scored = trained.map((t, i) => ({ ...t, i, validation: score(t.model, 'validation') }));
  const order = [...scored].sort((a, b) => sign * (b.validation - a.validation) || a.i - b.i);
  const kept = [order[0]!];
  let validation = order[0]!.validation;
  // Under refit the validation rows are training rows: they cannot judge which networks join, so all do.
  for (const candidate of order.slice(1)) {
    if (refit) {
      kept.push(candidate);
      continue;
    }
    const joined = score(averaged([...kept, candidate].map((t) => t.model)), 'validation');
    if (sign * (joined - validation) >= 0) {
      kept.push(candidate);
      validation = joined;
    }
  }
  // One flat average of every network (a bagging strategy's members are ensembles themselves), as a saved model loads back.
  const networks = kept.flatMap((t) => t.model.members ?? [t.model]);
  const model = kept.length === 1 ? kept[0]!.model : averaged(networks);
  const { test, rule, before, after } = decide(model, data.splits, final.decision ?? 'argmax', decisionMetric(metric, data.splits.train.classNames));
  final.keep?.(model, { config, strategy: spec, decision: rule, before, after }, test);
  const members = scored.map((t) => ({
    seed: t.seed, epoch: t.epoch, epochs: t.epochs, timeUp: t.timeUp, validation: t.validation, test: score(t.model, 'test'), kept: kept.includes(t),
  }));
  const { epoch, epochs: trainedEpochs } = trained[0]!;
  return {
    test, epoch, epochs: trainedEpochs, timeUp: trained.some((t) => t.timeUp), members, validation,
    ...(refit && { refit: { rows: data.rows.y.length, epochs: atLeast } }),
  };
}
