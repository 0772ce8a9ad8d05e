import { tableSection } from './table-section.ts';
import type { TopLevelSpec } from 'vega-lite';
import { metricRecord } from '../metrics/registry.ts';
import { escapeMarkdown, fixed, specText, valueText, withInterval } from './format.ts';
import { reproduceSection } from './reproduce.ts';
import { rangesChart, roundsSideBySide } from './study-ranges.ts';
import { studyCharts } from './study-charts.ts';
import { recheckSection } from './study-recheck.ts';
import { failureSection, handoverSection, narrowingSection, studyFinding, testSection, topTrialsSection } from './study-sections.ts';
import type { StudyReport } from './study-types.ts';
import { table } from './table.ts';

export type { RecheckedConfig, StudyMetric, StudyReport, StudyRound, StudyTrial } from './study-types.ts';

/** The best configuration's parameters as a table, its strategy first. */
function bestSection(r: StudyReport): string[] {
  const best = r.trials.find((t) => t.round === r.best?.round && t.index === r.best.index);
  if (!best) return ['## Best configuration', '', 'No trial completed.', ''];
  const rows = [...(best.strategy === null ? [] : [['strategy, as trained', specText(best.strategy)]]), ...Object.entries(best.params).map(([n, v]) => [n, valueText(v)])];
  return [
    '## Best configuration',
    '',
    `Round ${best.round}, trial ${best.index} (seed ${best.seed}): validation ${metricRecord(r.settings.metric).title} ${fixed(best.score)}.`,
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

const finalEnds = {
  networks: '',
  budget: ' The final training went on to the budget\'s end.',
  converged: ' The final training ended before the budget\'s end: every network stopped on its own (patience), and the last two did not raise the average\'s validation score, so more networks no longer helped.',
} as const;

/** Where a budget's seconds went, phase by phase (up to the writing of this report), and why the final training ended. */
function budgetSpent(b: NonNullable<StudyReport['budget']>): string {
  const t = b.seconds;
  const where = t
    ? ` Every second until this report: data ${t.load} s, trials ${t.trials} s, recheck ${t.recheck} s, final training ${t.final} s ` +
      `(${t.cpu.final} s of CPU on all threads), idle ${t.idle} s; ${t.total} s in all.`
    : '';
  return `${where}${b.final ? finalEnds[b.final] : ''}`;
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
  const trained = r.pruner && r.pruner.rungs.length > 1
    ? `each trained up to ${s.epochs} epochs under the ${r.pruner.name} pruner, which judged them after ${r.pruner.rungs.slice(0, -1).join(', ')} epoch${r.pruner.rungs.length === 2 && r.pruner.rungs[0] === 1 ? '' : 's'}`
    : `each trained for ${s.epochs} epochs`;
  const pruned = r.counts.pruned === undefined ? '' : `${r.counts.pruned} were pruned (they rank below every trial that trained further), `;
  const budget = r.budget
    ? [`The budget of ${r.budget.limit} ${r.budget.ended ? 'ended the search' : 'was not used up'}: ${r.budget.trials} trials ended, ` +
      `${r.budget.pruned} of them pruned and ${r.budget.failed} failed, ${r.budget.epochs} epochs trained.${budgetSpent(r.budget)}`, '']
    : [];
  return [
    `${r.counts.trials} trials in ${r.rounds.length} rounds of ${s.trials}, ${trained} on ${r.dataset.sizes.trial} rows ` +
      `(${subset}) and scored on the ${r.dataset.sizes.validation} validation rows; ${pruned}${r.counts.failed} failed. ` +
      `A trial's score is its best epoch's validation ${metricRecord(s.metric).title}.`,
    '',
    ...budget,
    ...bestSection(r),
    ...testSection(r),
    ...narrowingSection(r),
    ...(charts['scatter.svg'] ? ['## Validation score against each numeric hyperparameter', '', '![validation score against each numeric hyperparameter, coloured by round](scatter.svg)', ''] : []),
    ...topTrialsSection(r),
    ...(charts['curves.svg'] ? [
      `## Learning curves of all ${r.counts.trials} trials`, '',
      `Validation ${metricRecord(s.metric).title} after each epoch, one line per trial, coloured by round; the line's dash tells how the trial ended.`, '',
      '![validation score per epoch of every trial, coloured by round](curves.svg)', '',
      '## Best so far', '',
      'Each trial\'s score in the order the search planned them, and the best score of a complete trial up to it (a pruned trial\'s score, from fewer epochs, never ranks above a complete one).', '',
      '![each trial\'s score and the best so far](best-so-far.svg)', '',
    ] : []),
    ...importanceSection(r),
    ...failureSection(r),
    ...handoverSection(r),
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
    ...tableSection(r.dataset.table),
    ...(r.defaults ? ['## Defaults the data chose', '', `${r.defaults}.`, ''] : []),
    studyBody(r),
    reproduceSection({ command: r.command, seeds: [r.settings.seed], data: r.dataset.fingerprints, packages: r.packages, receipt: r.receipt }),
  ].join('\n');
  const ranges = r.rounds.length > roundsSideBySide ? rangesChart(r.rounds) : undefined;
  return { markdown, charts: { ...studyCharts(r), ...(ranges && { 'ranges.svg': ranges }) } };
}
