import type { TopLevelSpec } from 'vega-lite';
import type { Json, Params, Space } from '../search/space.ts';
import { metricTitles } from './comparison.ts';
import { escapeMarkdown, fixed, specText, valueText, withInterval } from './format.ts';
import type { Receipt } from './receipt.ts';
import type { StudyImportance } from './study-importance.ts';
import { reproduceSection } from './reproduce.ts';
import { studyCharts } from './study-charts.ts';
import { recheckSection } from './study-recheck.ts';
import { failureSection, narrowingSection, studyFinding, testSection, topTrialsSection } from './study-sections.ts';
import { table } from './table.ts';

/** The validation metrics a study can score trials by; each is also a test metric. */
export type StudyMetric = 'accuracy' | 'balancedAccuracy' | 'macroF1' | 'gmean';

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
  dataset: {
    name: string;
    /** Fingerprint of the training split (kept for readers of older reports; `fingerprints` labels them all). */
    hash: string;
    /** What each fingerprint is of (`source (mnist)`, `train split`, …) → fingerprint. */
    fingerprints: Record<string, string>;
    imbalance: string | null;
    classes: string[];
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
  /** How many of the best trials the table shows. */
  shown: { table: number };
  /** Each hyperparameter's importance (see `importanceMethod`), most important first. */
  importance: StudyImportance;
  /** The best configuration retrained for the final epochs and scored once on the test split; null if the study did not get there. */
  test: {
    epochs: number;
    metrics: Record<StudyMetric, number>;
    perClass: { class: string; precision: number | null; recall: number | null; f1: number | null; support: number }[];
  } | null;
  recheck: { epochs: number; top: number; configs: RecheckedConfig[]; spearman: number | null } | null;
  packages: Record<string, string>;
  receipt: Receipt;
}

/** The best configuration's parameters as a table, its strategy first. */
function bestSection(r: StudyReport): string[] {
  const best = r.trials.find((t) => t.round === r.best?.round && t.index === r.best.index);
  if (!best) return ['## Best configuration', '', 'No trial completed.', ''];
  const rows = [...(best.strategy === null ? [] : [['strategy, as trained', specText(best.strategy)]]), ...Object.entries(best.params).map(([n, v]) => [n, valueText(v)])];
  return [
    '## Best configuration',
    '',
    `Round ${best.round}, trial ${best.index} (seed ${best.seed}): validation ${metricTitles[r.settings.metric]} ${fixed(best.score)}.`,
    '',
    table(['hyperparameter', 'value'], rows),
    '',
  ];
}

/** Which hyperparameters the score depended on, with the method named. */
function importanceSection(r: StudyReport): string[] {
  const i = r.importance;
  if (i.parameters.length === 0) return [];
  return [
    '## Hyperparameter importance',
    '',
    `Measured by ${i.method}, over the complete trials that set the parameter; ${Math.round(i.level * 100)}% percentile bootstrap intervals ` +
      `(${i.resamples} resamples of the trials). Each parameter is judged alone, and narrowing ties the parameters together, so the shares overlap and need not sum to 1; ` +
      'later rounds sample narrowed ranges, so a parameter the search settled early shows little spread and little importance.',
    '',
    table(['hyperparameter', 'importance (η²)', 'trials', 'groups'],
      i.parameters.map((p) => [p.parameter, withInterval(p.share.mean, p.share.low, p.share.high), p.trials, p.groups]), ['l', 'r', 'r', 'r']),
    '',
    '![importance of each hyperparameter](importance.svg)',
    '',
  ];
}

/**
 * The whole study report without its title, finding and Reproduce section, for pages that wrap it, such as reports/.
 *
 * @example
 * const markdown = `# My study\n\n${studyBody(report)}`;
 */
export function studyBody(r: StudyReport): string {
  const s = r.settings;
  const charts = studyCharts(r);
  const subset = s.trialSubset === null ? 'the training split' : 'a stratified subset of the training split';
  return [
    `${r.counts.trials} trials in ${r.rounds.length} rounds of ${s.trials}, each trained for ${s.epochs} epochs on ${r.dataset.sizes.trial} rows ` +
      `(${subset}) and scored on the ${r.dataset.sizes.validation} validation rows; ${r.counts.failed} failed. ` +
      `A trial's score is its best epoch's validation ${metricTitles[s.metric]}.`,
    '',
    ...bestSection(r),
    ...testSection(r),
    ...narrowingSection(r),
    ...(charts['scatter.svg'] ? ['## Validation score against each numeric hyperparameter', '', '![validation score against each numeric hyperparameter, coloured by round](scatter.svg)', ''] : []),
    ...topTrialsSection(r),
    ...(charts['curves.svg'] ? [
      `## Learning curves of all ${r.counts.trials} trials`, '',
      `Validation ${metricTitles[s.metric]} after each epoch, one line per trial, coloured by round; the line's dash tells how the trial ended.`, '',
      '![validation score per epoch of every trial, coloured by round](curves.svg)', '',
      '## Best so far', '',
      'Each trial\'s score in the order the search planned them, and the best score up to it.', '',
      '![each trial\'s score and the best so far](best-so-far.svg)', '',
    ] : []),
    ...importanceSection(r),
    ...failureSection(r),
    ...recheckSection(r),
  ].join('\n');
}

/**
 * The markdown of a study report and the charts it links: title, finding, the body
 * (`studyBody`) and the Reproduce section.
 *
 * @example
 * const { markdown, charts } = renderStudy(report);
 */
export function renderStudy(r: StudyReport): { markdown: string; charts: Record<string, TopLevelSpec> } {
  const title = `# Search on ${escapeMarkdown(r.dataset.name)}${r.dataset.imbalance ? ` (${escapeMarkdown(r.dataset.imbalance)})` : ''}`;
  const markdown = [
    title,
    '',
    `**Finding.** ${studyFinding(r)}`,
    '',
    studyBody(r),
    reproduceSection({ command: r.command, seeds: [r.settings.seed], data: r.dataset.fingerprints, packages: r.packages, receipt: r.receipt }),
  ].join('\n');
  return { markdown, charts: studyCharts(r) };
}
