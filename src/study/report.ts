import { sampleRankCorrelation } from 'simple-statistics';
import { splitStrategy, strategyParameter } from '../../strategies/search-space.ts';
import { datasetHash } from '../data/hash.ts';
import { imbalanceSpec } from '../data/imbalance.ts';
import type { Metrics } from '../metrics/classification.ts';
import { renderCharts } from '../report/chart.ts';
import { receipt } from '../report/receipt.ts';
import { studyImportance } from '../report/study-importance.ts';
import { packageVersions } from '../report/reproduce.ts';
import { renderStudy, type RecheckedConfig, type StudyReport, type StudyRound, type StudyTrial } from '../report/study.ts';
import { writeReport } from '../report/write.ts';
import type { RoundRanges } from '../search/events.ts';
import { metricRegistry } from '../metrics/registry.ts';
import { narrowingBasis, type Direction } from '../search/narrowing.ts';
import { byPosition, isComplete, type CompleteTrial, type TrialRecord } from '../search/trial.ts';
import type { SearchSettings } from './settings.ts';
import type { taskData } from './task.ts';

/** A top configuration retrained for the full epochs: its trial, and the score after the last epoch or why it failed. */
export interface Recheck {
  trial: CompleteTrial;
  score: number | null;
  error: string | null;
}

/** What a study report is built from: the settings, the journal, and what ran after the last round (if it did). */
export interface StudyInput {
  command: string;
  settings: SearchSettings;
  dataset: StudyReport['dataset'];
  trials: readonly TrialRecord[];
  rounds: readonly RoundRanges[];
  test?: Metrics;
  rechecks?: readonly Recheck[];
}

const tableRows = 10;

/**
 * The complete trials, best score first (larger or smaller, as `direction` says); ties go to the
 * earlier (round, index), as `bestTrial` breaks them.
 *
 * @example
 * const [best, second] = rankedTrials(done.trials, 'maximize');
 */
export const rankedTrials = (trials: readonly TrialRecord[], direction: Direction): CompleteTrial[] =>
  trials.filter(isComplete).sort((a, b) => (direction === 'maximize' ? b.score - a.score : a.score - b.score) || byPosition(a, b));

/** 1 + how many of `scores` are strictly better: tied scores share a rank. */
const rankOf = (score: number, scores: readonly number[], direction: Direction) =>
  1 + scores.filter((s) => (direction === 'maximize' ? s > score : s < score)).length;

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

/** Each round's ranges and what narrowed the one before into them, recomputed from the journal as the search did. */
function studyRounds(rounds: readonly RoundRanges[], trials: readonly TrialRecord[], settings: SearchSettings): StudyRound[] {
  return rounds.map((round, i) => {
    if (i === 0) return { ...round, basis: null };
    const before = trials.filter((t) => t.round < round.round).filter(isComplete);
    const basis = narrowingBasis(rounds[i - 1]!.ranges, before, { direction: metricRegistry[settings.metric].direction, ...settings.narrowing });
    return {
      ...round,
      basis: {
        complete: before.length,
        params: Object.fromEntries(Object.entries(basis).map(([name, b]) => [name, { among: b.among, kept: b.best.length, best: b.best }])),
      },
    };
  });
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

function recheckOf(rechecks: readonly Recheck[], epochs: number, direction: Direction): NonNullable<StudyReport['recheck']> {
  const few = rechecks.map((r) => r.trial.score);
  const done = rechecks.filter((r): r is Recheck & { score: number } => r.score !== null);
  const full = done.map((r) => r.score);
  const configs: RecheckedConfig[] = rechecks.map((r) => ({
    round: r.trial.round, index: r.trial.index,
    strategy: Object.hasOwn(r.trial.params, strategyParameter) ? splitStrategy(r.trial.params).spec : null,
    fewScore: r.trial.score, fewRank: rankOf(r.trial.score, few, direction),
    fullScore: r.score, fullRank: r.score === null ? null : rankOf(r.score, full, direction),
    error: r.error,
  }));
  // Fewer than three pairs always correlate perfectly (or not at all): no evidence either way.
  const rho = done.length >= 3 ? sampleRankCorrelation(done.map((r) => r.trial.score), full) : NaN;
  return { epochs, top: rechecks.length, configs, spearman: Number.isFinite(rho) ? rho : null };
}

/**
 * The numbers of a study report, from its journal and what ran after the last round: ranks,
 * each round's narrowing basis, failures by reason, the test metrics and the honesty check
 * with its Spearman correlation.
 *
 * @example
 * const report = buildStudyReport({ command, settings, dataset, trials, rounds, test, rechecks });
 */
export function buildStudyReport(input: StudyInput): StudyReport {
  const { settings: s } = input;
  const trials = [...input.trials].sort(byPosition);
  const direction = metricRegistry[s.metric].direction;
  const ranked = rankedTrials(trials, direction);
  const rankOfTrial = new Map(ranked.map((t, i) => [t, i + 1]));
  const best = ranked[0];
  return {
    kind: 'study',
    command: input.command,
    dataset: input.dataset,
    settings: {
      rounds: s.rounds, trials: s.trials, epochs: s.epochs, finalEpochs: s.finalEpochs, metric: s.metric, seed: s.seed, trialSubset: s.trialSubset ?? null,
    },
    narrowing: { ...s.narrowing },
    counts: { trials: trials.length, complete: ranked.length, failed: trials.length - ranked.length },
    rounds: studyRounds(input.rounds, trials, s),
    trials: trials.map((t) => studyTrial(t, rankOfTrial.get(t as CompleteTrial) ?? null)),
    best: best ? { round: best.round, index: best.index } : null,
    failures: failures(trials),
    shown: { table: Math.min(tableRows, ranked.length) },
    importance: studyImportance(trials.map((t) => ({ params: t.params, score: t.status === 'complete' ? t.score : null })), s.seed),
    test: input.test
      ? {
        epochs: s.finalEpochs,
        metrics: { accuracy: input.test.accuracy, balancedAccuracy: input.test.balancedAccuracy, macroF1: input.test.macroF1, gmean: input.test.gmean },
        perClass: input.test.perClass.map((c) => ({ class: c.class, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
      }
      : null,
    recheck: input.rechecks && input.rechecks.length > 0 ? recheckOf(input.rechecks, s.finalEpochs, direction) : null,
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
