import { describeTable } from './data.ts';
import { sampleRankCorrelation } from 'simple-statistics';
import { splitStrategy, strategyParameter } from '../../strategies/search-space.ts';
import { datasetHash } from '../data/hash.ts';
import { imbalanceSpec } from '../data/imbalance.ts';
import type { Metrics } from '../metrics/classification.ts';
import { renderCharts } from '../report/chart.ts';
import { receipt } from '../report/receipt.ts';
import { studyImportance } from '../report/study-importance.ts';
import { packageVersions } from '../report/reproduce.ts';
import { explanationOf, type SamplerRecord } from '../report/study-narrowing.ts';
import { spearmanCritical } from '../report/study-recheck.ts';
import { renderStudy, type RecheckedConfig, type StudyReport, type StudyRound, type StudyTrial } from '../report/study.ts';
import type { StudyDecision, StudyEnsembleMember } from '../report/study-types.ts';
import { writeReport } from '../report/write.ts';
import type { RoundRanges } from '../search/events.ts';
import type { Handover } from '../search/handovers.ts';
import { metricRecord } from '../metrics/registry.ts';
import type { Direction } from '../search/narrowing.ts';
import { byPosition, isScored, rankTrials, type ScoredTrial, type TrialRecord } from '../search/trial.ts';
import type { FinalTest } from './final-model.ts';
import type { SearchSettings } from './settings.ts';
import type { taskData } from './task.ts';
import { better } from '../search/direction.ts';

/** A top configuration retrained for the full epochs: its trial, and the score after the last epoch or why it failed. */
export interface Recheck {
  trial: ScoredTrial;
  /** Its score after the few epochs the ranking rested on, when not the trial's own (under a pruner: the first rung's). */
  few?: number;
  score: number | null;
  error: string | null;
}

/** What a study report is built from: the settings, the journal, and what ran after the last round (if it did). */
export interface StudyInput {
  command: string;
  /** What the data chose for the defaults, as a sentence (see `decisionText`). */
  defaults?: string;
  settings: SearchSettings;
  dataset: StudyReport['dataset'];
  trials: readonly TrialRecord[];
  rounds: readonly RoundRanges[];
  /** The sampler as `study.json` records it. */
  sampler: SamplerRecord;
  test?: Metrics;
  /** The final model's decision rule and the test split before and after it, when the study asked for one (`--decision`). */
  decision?: StudyDecision;
  rechecks?: readonly Recheck[];
  /** The configuration the final training retrained (the best rechecked), when not the search's best. */
  chosen?: { round: number; index: number };
  /** Where early stopping left the final training: the epoch kept, the epochs trained, and whether the budget stopped it. */
  final?: Pick<FinalTest, 'epoch' | 'epochs'> & Partial<Pick<FinalTest, 'timeUp' | 'members' | 'validation' | 'start'>>;
  /** The few-epoch scores' epochs when not the study's (under a pruner: its first rung). */
  fewEpochs?: number;
  /** The pruner and its rungs, when one ran the study. */
  pruner?: { name: string; rungs: number[] };
  budget?: StudyReport['budget'] | null;
  /** Trials handed to another worker (see `readHandovers`). */
  handovers?: readonly Handover[];
}

const tableRows = 10;

/**
 * The scored trials, best first (larger or smaller, as `direction` says), as `bestTrial` ranks
 * them: a pruned trial below those that trained further; ties go to the earlier (round, index).
 *
 * @example
 * const [best, second] = rankedTrials(done.trials, 'maximize');
 */
export const rankedTrials = (trials: readonly TrialRecord[], direction: Direction): ScoredTrial[] => rankTrials(trials, direction);

/** 1 + how many of `scores` are strictly better: tied scores share a rank. */
const rankOf = (score: number, scores: readonly number[], direction: Direction) =>
  1 + scores.filter((s) => better(direction, s, score)).length;

function studyTrial(t: TrialRecord, rank: number | null): StudyTrial {
  return {
    round: t.round, index: t.index, seed: t.seed, params: t.params,
    strategy: Object.hasOwn(t.params, strategyParameter) ? splitStrategy(t.params).spec : null,
    status: t.status, score: t.score, rank,
    curve: t.history.map((step, i) => ({
      epoch: typeof step.epoch === 'number' ? step.epoch : i + 1,
      // A diverged epoch's NaN would turn to null in JSON anyway; say so in the type.
      score: Number.isFinite(step.score) ? step.score : null,
      trainAccuracy: typeof step.trainAccuracy === 'number' ? step.trainAccuracy : null,
    })),
    error: t.error ?? null,
  };
}

/** Each round's ranges and the sampler's account of them, as `study.json` records them. */
function studyRounds(rounds: readonly RoundRanges[]): StudyRound[] {
  return rounds.map((round) => ({ round: round.round, ranges: round.ranges, explanation: explanationOf(round.explanation) }));
}

function countsOf(trials: readonly TrialRecord[]): StudyReport['counts'] {
  const count = (status: TrialRecord['status']) => trials.filter((t) => t.status === status).length;
  // Pruned trials are counted only in studies that have them, so reports of studies without a pruner keep their bytes.
  return { trials: trials.length, complete: count('complete'), failed: count('failed'), ...(count('pruned') > 0 && { pruned: count('pruned') }) };
}

function failures(trials: readonly TrialRecord[]): StudyReport['failures'] {
  const counts = new Map<string, number>();
  for (const t of trials) {
    if (t.status !== 'failed') continue;
    const reason = (t.error ?? 'no reason recorded').replace(/\d+(?:\.\d+)?/g, 'N');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

/** The final model's networks as the report keeps them. */
function ensembleOf(final: Pick<FinalTest, 'members' | 'validation' | 'start'>) {
  // Cap and start only when the budget varied them, so reports of studies without one keep their bytes.
  const varied = final.members.some((m) => m.start === 'trial' || (m.cap !== undefined && m.cap !== final.members[0]!.cap));
  const members: StudyEnsembleMember[] = final.members.map((m) => ({
    seed: m.seed, epoch: m.epoch, trained: m.epochs, budgetEnded: m.timeUp,
    ...(varied && m.cap !== undefined && { cap: m.cap }), ...(varied && m.start && { start: m.start }),
    validation: m.validation, test: m.test, kept: m.kept,
  }));
  return { validation: final.validation, members, ...(final.start && { start: final.start }) };
}

function recheckOf(rechecks: readonly Recheck[], epochs: number, direction: Direction, fewEpochs?: number): NonNullable<StudyReport['recheck']> {
  const fewOf = (r: Recheck) => r.few ?? r.trial.score;
  const few = rechecks.map(fewOf);
  const done = rechecks.filter((r): r is Recheck & { score: number } => r.score !== null);
  const full = done.map((r) => r.score);
  const configs: RecheckedConfig[] = rechecks.map((r) => ({
    round: r.trial.round, index: r.trial.index,
    strategy: Object.hasOwn(r.trial.params, strategyParameter) ? splitStrategy(r.trial.params).spec : null,
    fewScore: fewOf(r), fewRank: rankOf(fewOf(r), few, direction),
    fullScore: r.score, fullRank: r.score === null ? null : rankOf(r.score, full, direction),
    error: r.error,
  }));
  // Fewer than three pairs always correlate perfectly (or not at all): no evidence either way.
  const rho = done.length >= 3 ? sampleRankCorrelation(done.map(fewOf), full) : NaN;
  const spearman = Number.isFinite(rho) ? rho : null;
  return {
    epochs, ...(fewEpochs !== undefined && { few: fewEpochs }), top: rechecks.length, configs, spearman,
    ...(spearman !== null && { significance: { level: 0.05, critical: spearmanCritical(done.length) } }),
  };
}

/**
 * The numbers of a study report, from its journal and what ran after the last round: ranks,
 * each round's explanation of its ranges, failures by reason, the test metrics and the honesty check
 * with its Spearman correlation.
 *
 * @example
 * const report = buildStudyReport({ command, settings, dataset, trials, rounds, test, rechecks });
 */
export function buildStudyReport(input: StudyInput): StudyReport {
  const { settings: s } = input;
  const trials = [...input.trials].sort(byPosition);
  const direction = metricRecord(s.metric).direction;
  const ranked = rankedTrials(trials, direction);
  const rankOfTrial = new Map(ranked.map((t, i) => [t, i + 1]));
  const best = ranked[0];
  return {
    kind: 'study',
    command: input.command,
    dataset: input.dataset,
    settings: {
      rounds: s.rounds, trials: s.trials, epochs: s.epochs, finalEpochs: s.finalEpochs, metric: s.metric, seed: s.seed,
      // A subset no smaller than the training split is all of it (the default's on data under 12,000 rows).
      trialSubset: s.trialSubset !== undefined && input.dataset.sizes.trial < input.dataset.sizes.train ? s.trialSubset : null,
    },
    sampler: input.sampler,
    counts: countsOf(trials),
    rounds: studyRounds(input.rounds),
    trials: trials.map((t) => studyTrial(t, isScored(t) ? rankOfTrial.get(t) ?? null : null)),
    best: input.chosen ? { round: input.chosen.round, index: input.chosen.index } : best ? { round: best.round, index: best.index } : null,
    failures: failures(trials),
    shown: { table: Math.min(tableRows, ranked.length) },
    ...(input.defaults !== undefined && { defaults: input.defaults }),
    importance: studyImportance(trials.map((t) => ({ params: t.params, score: t.status === 'complete' ? t.score : null })), s.seed),
    test: input.test
      ? {
        epochs: s.finalEpochs,
        ...(input.final && { epoch: input.final.epoch, trained: input.final.epochs, ...(input.final.timeUp && { budgetEnded: true }) }),
        ...(input.final?.members && input.final.members.length > 1 && { ensemble: ensembleOf({ members: input.final.members, validation: input.final.validation!, start: input.final.start ?? null }) }),
        metrics: {
          accuracy: input.test.accuracy, balancedAccuracy: input.test.balancedAccuracy, macroF1: input.test.macroF1, gmean: input.test.gmean,
          [s.metric]: metricRecord(s.metric).of(input.test),
        },
        perClass: input.test.perClass.map((c) => ({ class: c.class, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
        ...(input.decision && { decision: input.decision }),
      }
      : null,
    recheck: input.rechecks && input.rechecks.length > 0 ? recheckOf(input.rechecks, input.fewEpochs === undefined ? s.finalEpochs : s.epochs, direction, input.fewEpochs) : null,
    ...(input.pruner && { pruner: input.pruner }),
    ...(input.budget && { budget: input.budget }),
    // Only a study that had any says so, so reports of the others keep their bytes.
    ...(input.handovers && input.handovers.length > 0 && {
      handovers: input.handovers.map(({ round, index, worker, silentSeconds }) => ({ round, index, worker, silentSeconds })),
    }),
    packages: packageVersions(['rxjs', 'seedrandom', 'simple-statistics', 'ml-knn', 'vega', 'vega-lite']),
    receipt: receipt(),
  };
}

/**
 * What a study report says of its data: the splits' sizes and classes, and the training
 * split's fingerprint.
 *
 * @example
 * studyDataset(settings, taskData(task)).sizes; // { train: 6400, trial: 800, validation: 1600, test: 2000 }
 */
export function studyDataset(settings: SearchSettings, data: ReturnType<typeof taskData>): StudyReport['dataset'] {
  const { splits, trial } = data;
  return {
    name: splits.source, hash: datasetHash(splits.train), fingerprints: splits.fingerprints, imbalance: settings.imbalance ? imbalanceSpec(settings.imbalance) : null,
    classes: [...splits.train.classNames],
    sizes: { train: splits.train.y.length, trial: trial.train.y.length, validation: splits.validation.y.length, test: splits.test.y.length },
    ...tableOf(splits),
  };
}

/**
 * Writes a study's report into its directory: README.md, report.json (with `timing` apart, so
 * the rest is byte-identical for the same command) and the charts.
 *
 * @example
 * await writeStudyReport(out, buildStudyReport(input), { seconds: 42.1 });
 */
export async function writeStudyReport(dir: string, report: StudyReport, timing?: { seconds: number }): Promise<void> {
  const { markdown, charts } = renderStudy(report);
  writeReport(dir, { markdown, json: { ...report, ...(timing && { timing }) }, charts: await renderCharts(charts) });
}

function tableOf(splits: Parameters<typeof describeTable>[0]) {
  const table = describeTable(splits);
  return table ? { table } : {};
}
