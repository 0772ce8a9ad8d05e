import type { MetricName } from '../metrics/registry.ts';
import type { Json, Params, Space } from '../search/space.ts';
import type { Receipt } from './receipt.ts';
import type { ReportDataset } from './report-dataset.ts';
import type { StudyImportance } from './study-importance.ts';

// The shape of a study report, apart from its rendering: the section writers read it without importing study.ts.

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
  status: 'complete' | 'failed';
  score: number | null;
  /** Its place among the complete trials by score (1 = best, ties by position); null when it failed. */
  rank: number | null;
  /** Each epoch's validation score (null where it was not a finite number) and training accuracy. */
  curve: { epoch: number; score: number | null; trainAccuracy: number | null }[];
  error: string | null;
}

/** What one hyperparameter's narrowing rested on: how many complete trials set it, and the values of the best `kept`. */
export interface StudyBasis {
  among: number;
  kept: number;
  best: Json[];
}

/** A round's ranges and, from round 2 on, what narrowed the previous ranges into them. */
export interface StudyRound {
  round: number;
  ranges: Space;
  basis: { complete: number; params: Record<string, StudyBasis> } | null;
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
  /** The narrowing rule's numbers (see `narrow`). */
  narrowing: { top: number; minTop: number; margin: number };
  counts: { trials: number; complete: number; failed: number };
  rounds: StudyRound[];
  trials: StudyTrial[];
  best: { round: number; index: number } | null;
  /** Failed trials grouped by reason (digits of the message written as N). */
  failures: { reason: string; count: number }[];
  /** How many of the best trials the table and the curves show. */
  shown: { table: number };
  /** Each hyperparameter's importance (see `importanceMethod`), most important first. */
  importance: StudyImportance;
  /** The best configuration retrained for the final epochs and scored once on the test split; null if the study did not get there. */
  test: {
    epochs: number;
    metrics: Record<(typeof studyTestMetrics)[number], number>;
    perClass: { class: string; precision: number | null; recall: number | null; f1: number | null; support: number }[];
  } | null;
  recheck: { epochs: number; top: number; configs: RecheckedConfig[]; spearman: number | null } | null;
  packages: Record<string, string>;
  receipt: Receipt;
}
