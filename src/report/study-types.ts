import type { MetricName } from '../metrics/registry.ts';
import type { DecisionSummary } from '../model/decide.ts';
import type { DecisionRule } from '../model/decision.ts';
import type { Params, Space } from '../search/space.ts';
import type { Receipt } from './receipt.ts';
import type { ReportDataset } from './report-dataset.ts';
import type { StudyImportance } from './study-importance.ts';
import type { RoundExplanation, SamplerRecord } from './study-narrowing.ts';

// The shape of a study report, apart from its rendering: the section writers read it without importing study.ts.

/** A study's final decision rule (`search --decision`) and the test split under `argmax` (before) and under it (after). */
export interface StudyDecision {
  rule: DecisionRule;
  before: DecisionSummary;
  after: DecisionSummary;
}

/** The validation metrics a study can score trials by (see the metric registry). */
export type StudyMetric = MetricName;

/** The test metrics a study report shows, in its table's order. */
export const studyTestMetrics = ['accuracy', 'balancedAccuracy', 'macroF1', 'gmean'] as const satisfies readonly MetricName[];

/** One trial as the report shows it. */
export interface StudyTrial {
  round: number;
  index: number;
  seed: number;
  params: Params;
  /** The strategy spec it trained with, when the space chooses strategies; else null. */
  strategy: string | null;
  status: 'complete' | 'failed' | 'pruned' | 'paused';
  score: number | null;
  /** Its place among the complete trials by score (1 = best, ties by position); null when it failed. */
  rank: number | null;
  /** Each epoch's validation score (null where it was not a finite number) and training accuracy. */
  curve: { epoch: number; score: number | null; trainAccuracy: number | null }[];
  error: string | null;
}

/** A round's ranges and, from round 2 on with the narrowing sampler, why each is what it is. */
export interface StudyRound {
  round: number;
  ranges: Space;
  explanation: RoundExplanation;
}

/** One of the top configurations retrained for the full epochs (the honesty check of step 2). */
export interface RecheckedConfig {
  round: number;
  index: number;
  strategy: string | null;
  /** Its trial's score (after the study's few epochs) and rank among the rechecked. */
  fewScore: number;
  fewRank: number;
  /** Its validation score after the last of the full epochs, and rank among the rechecked; null if that training failed. */
  fullScore: number | null;
  fullRank: number | null;
  error: string | null;
}

/** Everything a study report shows; the markdown is rendered from this alone. */
export interface StudyReport {
  kind: 'study';
  command: string;
  dataset: ReportDataset & {
    /** Rows of the training split, of the part trials train on, and of the validation and test splits. */
    sizes: { train: number; trial: number; validation: number; test: number };
  };
  settings: { rounds: number; trials: number; epochs: number; finalEpochs: number; metric: StudyMetric; seed: number; trialSubset: number | null };
  /** The sampler that planned the rounds and its options, as `study.json` records them. */
  sampler: SamplerRecord;
  counts: { trials: number; complete: number; failed: number; pruned?: number };
  rounds: StudyRound[];
  trials: StudyTrial[];
  best: { round: number; index: number } | null;
  /** Failed trials grouped by reason (digits of the message written as N). */
  failures: { reason: string; count: number }[];
  /** How many of the best trials the table and the curves show. */
  shown: { table: number };
  /** What a new study's data chose for the settings left to their defaults (metric, space, CV and refit), as a sentence. */
  defaults?: string;
  /** Each hyperparameter's importance (see `importanceMethod`), most important first. */
  importance: StudyImportance;
  /** The best configuration retrained for the final epochs and scored once on the test split; null if the study did not get there. */
  test: {
    epochs: number;
    /** With early stopping: the epoch whose weights were kept, and how many trained before it stopped. */
    epoch?: number;
    trained?: number;
    /** Present when the time budget, not the validation score, stopped the final training. */
    budgetEnded?: true;
    /** When the final model averages networks (`search --ensemble`): each network, and the final model's validation score. */
    /** `start`: the validation scores of the trial's seed started fresh and from its checkpoint, when both trained (under a budget). */
    ensemble?: { validation: number; members: StudyEnsembleMember[]; start?: { fresh: number; trial: number } };
    /** The table's metrics, and the study's own metric when it is another one. */
    metrics: Record<(typeof studyTestMetrics)[number], number> & Partial<Record<MetricName, number>>;
    perClass: { class: string; precision: number | null; recall: number | null; f1: number | null; support: number }[];
    decision?: StudyDecision;
  } | null;
  /** `few`: the epochs of the few-epoch scores when not the study's `epochs` (under a pruner: its first rung). */
  recheck: {
    epochs: number; few?: number; top: number; configs: RecheckedConfig[]; spearman: number | null;
    /** The |ρ| its pairs must reach at the two-sided `level` (see `spearmanCritical`; null: none can); with a ρ only, and absent in older reports. */
    significance?: { level: number; critical: number | null };
  } | null;
  /** The pruner and its rungs (epochs), when one ran the study. */
  pruner?: { name: string; rungs: number[] };
  /** The time budget, whether it ended the search, and how it was spent (`rounds`: how many ran; absent in reports written before it was recorded). */
  budget?: {
    limit: string; ended: boolean; trials: number; epochs: number; pruned: number; failed: number; rounds?: number;
    /** Why the final training ended (see `FinalEnd`: the budget's end, or networks that no longer helped); absent in older reports. */
    final?: 'networks' | 'budget' | 'converged';
    /** Every second of the study: each phase's wall seconds, the idle rest, and CPU seconds per phase (see `Accounting`). */
    seconds?: Record<'load' | 'trials' | 'recheck' | 'final' | 'report' | 'idle' | 'total', number> & { cpu: Record<'load' | 'trials' | 'recheck' | 'final' | 'report' | 'total', number> };
  };
  /** Trials of a distributed study handed to another worker after theirs stopped heartbeating (`handovers.jsonl`); absent when none was. */
  handovers?: { round: number; index: number; worker: string; silentSeconds: number }[];
  packages: Record<string, string>;
  receipt: Receipt;
}

/** One network of a final model that averages several: its seed, its training's end, its scores alone (arg-max), and whether it joined. */
export interface StudyEnsembleMember {
  seed: number | string;
  epoch: number;
  trained: number;
  budgetEnded: boolean;
  /** Its cap of epochs and whether it started from its trial's checkpoint; absent in reports written before the budget could raise the cap. */
  cap?: number;
  start?: 'fresh' | 'trial';
  validation: number;
  test: number;
  kept: boolean;
}
