import type { Metrics } from '../metrics/classification.ts';
import { evaluate } from '../metrics/evaluate.ts';
import { metricRecord, type MetricName } from '../metrics/registry.ts';
import { decide, decisionMetric, metricsOfProbabilities, type DecisionSummary } from '../model/decide.ts';
import type { DecisionRule, DecisionRuleName } from '../model/decision.ts';
import { averaged } from '../nn/averaged.ts';
import { trainLimits } from '../nn/limits.ts';
import type { Classifier } from '../nn/model.ts';
import { checkSize } from '../nn/network-size.ts';
import { defaultTrainConfig, type TrainConfig } from '../nn/trainer.ts';
import { bestScore } from '../search/direction.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import type { Direction } from '../search/narrowing.ts';
import type { ScoredTrial } from '../search/trial.ts';
import { matrix, type Matrix } from '../tensor/matrix.ts';
import { trainLanes, type FinalEnd, type MemberRunner, type StartMeasured } from './final-lanes.ts';
import { trainMember, type TrainedMember } from './final-member.ts';
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
  /** The most epochs it could train: `--final-epochs`, or a longer cap the budget gave it. */
  cap?: number;
  /** Whether it started from the initialiser's weights or from its trial's checkpoint (see `TrainConfig.warmStart`). */
  start?: 'fresh' | 'trial';
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
  /** Why the final phase ended (see `FinalEnd`). */
  ended: FinalEnd;
  /** Under refit: the rows the final model trained on (every training row) and the epochs, the folds' best. */
  refit?: { rows: number; epochs: number };
  /** The validation scores of the trial's seed started fresh and from the trial's checkpoint, when both trained (see `trainLanes`). */
  start: StartMeasured | null;
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
  return scores.indexOf(bestScore(direction, scores)) + 1;
}

/** The mean of class probabilities, summed in the order given as `averaged` sums them (so the same bits). */
function meanOf(probabilities: readonly Matrix[]): Matrix {
  const out = matrix(probabilities[0]!.rows, probabilities[0]!.cols, 'float64');
  for (const p of probabilities) for (let i = 0; i < p.data.length; i++) out.data[i] += p.data[i]! / probabilities.length;
  return out;
}

/**
 * Greedy ensemble selection (Caruana et al. 2004, without repeats): the networks best first, each joining only if the
 * average of the class probabilities does not lower the validation score. Gives the indices kept and that score.
 */
function greedy(validation: readonly number[], probabilities: readonly Matrix[], score: (p: Matrix) => number, sign: number) {
  const order = validation.map((_, i) => i).sort((a, b) => sign * (validation[b]! - validation[a]!) || a - b);
  const kept = [order[0]!];
  let best = validation[order[0]!]!;
  for (const candidate of order.slice(1)) {
    const joined = score(meanOf([...kept, candidate].map((i) => probabilities[i]!)));
    if (sign * (joined - best) >= 0) [kept[kept.length], best] = [candidate, joined];
  }
  return { kept, validation: best };
}

/** Where the final networks train: on `run` (a worker pool's runner) `lanes` at a time, else one after another in this thread. */
export interface FinalLanes {
  run: MemberRunner;
  lanes: number;
}

/**
 * Step 4: the chosen configuration, with its strategy, retrained on the whole training split (see `trainMember`; not before
 * the epoch its trial scored best at) as `final.members` networks (default 1), on `final.pool` when given (in parallel, each
 * network seeded, so the same networks as in this thread): the first with the trial's seed, each other with a seed of its
 * own. With a time budget (`final.until`, its end, `Date.now()` ms) the networks share the time left, and what they leave
 * goes to more networks or a longer cap, as validation favours (see `trainLanes`, `nextUse`); `ended` says why the phase
 * ended. The networks join the final model best first, each only if the average of the class probabilities does not lower
 * the validation score (a greedy ensemble selection, Caruana et al. 2004); averaging networks that differ only in their seed
 * lowers the variance of what one training run gives. The final model is then scored once on the test split, under a
 * decision rule fitted on the validation split (`argmax` unless `final.decision` names another; `tuned` maximises `metric`).
 * `final.keep` receives the model, how it was made, and the test metrics (the search saves them as `model.skt`).
 *
 * @example
 * const { test, members } = await finalTest(chosen, data, 20, 'accuracy', { members: 3 });
 */
export async function finalTest(
  best: ScoredTrial, data: Data, epochs: number, metric: MetricName,
  final: {
    decision?: DecisionRuleName; until?: number; members?: number; pool?: FinalLanes; warmStart?: Uint8Array;
    /** Train on every training row for this many epochs (the folds' count), as scikit-learn's refit does. */
    refit?: number;
    keep?: (model: Classifier, how: FinalTraining, test: Metrics) => void;
  } = {},
): Promise<FinalTest> {
  const { spec, mlp } = trialSetup(best.params);
  const config = { ...trainConfigOf(mlp, defaultTrainConfig), epochs, seed: best.seed };
  const size = final.members ?? 1;
  // The networks live together in the final model: all of them must fit, not just one.
  checkSize(data.splits.train, config, size);
  const record = metricRecord(metric);
  const sign = record.direction === 'maximize' ? 1 : -1;
  const { validation: split } = data.splits;
  const scoreOf = (p: Matrix) => record.of(metricsOfProbabilities(split.y, p, split.classNames));
  const probabilities = new WeakMap<TrainedMember, Matrix>();
  const probabilitiesOf = (trained: readonly TrainedMember[]) => trained.map((t) => {
    if (!probabilities.has(t)) probabilities.set(t, t.model.predictProba(split.x));
    return probabilities.get(t)!;
  });
  const validationOf = (trained: readonly TrainedMember[]) => probabilitiesOf(trained).map(scoreOf);
  const selected = (trained: readonly TrainedMember[]) => greedy(validationOf(trained), probabilitiesOf(trained), scoreOf, sign);
  const refit = final.refit !== undefined;
  // A refit trains on every training row for the folds' epoch count; its validation rows are training rows, so they
  // judge nothing: no early stop, no warm start, no more networks, and every network joins.
  const rows = refit ? { train: data.rows, validation: split } : data.splits;
  const here: FinalLanes = { run: (plan) => trainMember(plan, rows, metric), lanes: 1 };
  const lanesOf = final.pool ?? here;
  const run: FinalLanes['run'] = refit ? (plan) => lanesOf.run({ ...plan, refit: true }) : lanesOf.run;
  const { trained, ended, measured } = await trainLanes(run, {
    params: best.params, seed: best.seed, members: size, cap: final.refit ?? epochs, maxCap: final.refit ?? trainLimits.epochs.max,
    atLeast: refit ? 1 : bestEpoch(best, record.direction), until: final.until ?? Infinity, lanes: lanesOf.lanes,
    ...(final.warmStart && !refit && { warmStart: final.warmStart }),
    validation: (member) => sign * validationOf([member])[0]!,
    // A network gained when the selection's validation score with it beats the selection's without it.
    gain: (done, index) => !refit && (done.length === 1 || sign * (selected(done).validation - selected(done.filter((_, i) => i !== index)).validation) > 0),
  });
  const validations = validationOf(trained);
  const everyOne = (all: readonly TrainedMember[]) => ({ kept: all.map((_, i) => i), validation: scoreOf(meanOf(probabilitiesOf(all))) });
  const chosen = refit ? everyOne(trained) : selected(trained);
  const kept = chosen.kept.map((i) => trained[i]!);
  // One flat average of every network (a bagging strategy's members are ensembles themselves), as a saved model loads back.
  const networks = kept.flatMap((t) => t.model.members ?? [t.model]);
  const model = kept.length === 1 ? kept[0]!.model : averaged(networks);
  const { test, rule, before, after } = decide(model, data.splits, final.decision ?? 'argmax', decisionMetric(metric, data.splits.train.classNames));
  final.keep?.(model, { config, strategy: spec, decision: rule, before, after }, test);
  const members = trained.map((t, i) => ({
    seed: t.seed, epoch: t.epoch, epochs: t.epochs, cap: t.cap, start: t.start, timeUp: t.timeUp, validation: validations[i]!,
    test: record.of(evaluate(t.model, data.splits.test)), kept: chosen.kept.includes(i),
  }));
  const { epoch, epochs: trainedEpochs } = trained[0]!;
  const start = measured && { fresh: sign * measured.fresh, trial: sign * measured.trial };
  return {
    test, epoch, epochs: trainedEpochs, timeUp: trained.some((t) => t.timeUp), members, validation: chosen.validation, ended, start,
    ...(refit && { refit: { rows: data.rows.y.length, epochs: final.refit! } }),
  };
}
