import { metricRecord, metricRegistry } from '../metrics/registry.ts';
import { escapeMarkdown, fixed, specText, valueText } from './format.ts';
import { ensembleLines } from './study-ensemble.ts';
import { explanationSection, samplerText } from './study-narrowing.ts';
import { studyTestMetrics, type StudyDecision, type StudyReport, type StudyTrial } from './study-types.ts';
import { criticalText, rhoText, verdict } from './study-recheck.ts';
import { table } from './table.ts';
import { changesTable, rangeText, roundsSideBySide } from './study-ranges.ts';

const best = (r: StudyReport): StudyTrial | undefined => r.trials.find((t) => t.round === r.best?.round && t.index === r.best.index);

/**
 * How the rounds were planned: the sampler and its rule (from the options `study.json`
 * records), the ranges of every round side by side, and why each round's ranges are what
 * they are, per hyperparameter and value.
 *
 * @example
 * lines.push(...narrowingSection(report));
 */
export function narrowingSection(r: StudyReport): string[] {
  const first = r.rounds[0];
  if (!first) return [];
  const names = Object.keys(first.ranges);
  const conditions = names.filter((n) => first.ranges[n]!.when).map((n) => {
    const when = Object.entries(first.ranges[n]!.when!).map(([k, values]) => `${k} is ${values.map(valueText).join(' or ')}`).join(' and ');
    return `- ${escapeMarkdown(n)} applies only when ${escapeMarkdown(when)}; trials without it do not count for it.`;
  });
  return [
    '## How the ranges narrowed',
    '',
    // A report.json written before samplers were recorded has no sampler: its rule goes unstated.
    ...(r.sampler ? [escapeMarkdown(samplerText(r.sampler)), ''] : []),
    // Past a few rounds a column a round cannot be read: a chart of the ranges and the changes alone (the dashboard has the rest).
    ...(r.rounds.length > roundsSideBySide ? changesTable(r.rounds) : [
      table(['hyperparameter', ...r.rounds.map((d) => `round ${d.round}`)], names.map((n) => [n, ...r.rounds.map((d) => (d.ranges[n] ? rangeText(d.ranges[n]) : null))])),
      '',
      ...explanationSection(first.ranges, r.rounds),
    ]),
    ...(conditions.length === 0 ? [] : [...conditions, '']),
  ];
}

/**
 * The best trials as a table: rank, position, score and every hyperparameter.
 *
 * @example
 * lines.push(...topTrialsSection(report));
 */
export function topTrialsSection(r: StudyReport): string[] {
  const top = r.trials.filter((t) => t.rank !== null && t.rank <= r.shown.table).sort((a, b) => a.rank! - b.rank!);
  if (top.length === 0) return [];
  const ranges = r.rounds[0]?.ranges ?? {};
  const names = Object.keys(ranges);
  return [
    `## The ${r.shown.table} best trials`,
    '',
    ...(names.some((n) => ranges[n]!.when) ? ['A dash marks a hyperparameter that did not apply to the trial.', ''] : []),
    table(
      ['rank', 'round', 'trial', `validation ${metricRecord(r.settings.metric).title}`, ...names],
      top.map((t) => [t.rank, t.round, t.index, fixed(t.score), ...names.map((n) => (Object.hasOwn(t.params, n) ? valueText(t.params[n]!) : null))]),
    ),
    '',
  ];
}

/**
 * Failed trials counted by reason.
 *
 * @example
 * lines.push(...failureSection(report)); // '## Failures', '', 'No trial failed.', ''
 */
export function failureSection(r: StudyReport): string[] {
  if (r.counts.failed === 0) return ['## Failures', '', 'No trial failed.', ''];
  return [
    '## Failures',
    '',
    `${r.counts.failed} of ${r.counts.trials} trials failed; by reason (the digits of a message written as N):`,
    '',
    table(['reason', 'trials'], r.failures.map((f) => [f.reason, f.count]), ['l', 'r']),
    '',
  ];
}

/**
 * The trials a distributed study handed to another worker because theirs stopped heartbeating;
 * nothing when none was.
 *
 * @example
 * lines.push(...handoverSection(report));
 */
export function handoverSection(r: StudyReport): string[] {
  if (!r.handovers) return [];
  const n = r.handovers.length;
  return [
    '## Handovers',
    '',
    `${n} ${n === 1 ? 'trial was' : 'trials were'} handed to another worker after ${n === 1 ? 'its' : 'their'} worker stopped heartbeating ` +
      '(killed, or cut off from the database); each ran again there, and its one result is the one recorded:',
    '',
    table(['round', 'trial', 'silent worker', 'silent for (s)'], r.handovers.map((h) => [h.round, h.index, escapeMarkdown(h.worker), h.silentSeconds]), ['r', 'r', 'l', 'r']),
    '',
  ];
}

/** Why the final training ended where it did: its last epoch, the budget, or a validation score that stopped improving. */
function stoppedWhy(test: NonNullable<StudyReport['test']>): string {
  if (test.budgetEnded) return `stopping after ${test.trained} as the time budget ran out`;
  if (test.trained === test.epochs) return `training all ${test.epochs}`;
  return `stopping after ${test.trained} as the validation score stopped improving`;
}

/**
 * The best configuration's test metrics and its per-class figures.
 *
 * @example
 * lines.push(...testSection(report));
 */
export function testSection(r: StudyReport): string[] {
  if (!r.test) return ['## Test split', '', 'Not run: the study ended before its best configuration was retrained.', ''];
  const { sizes } = r.dataset;
  return [
    '## Test split',
    '',
    (r.test.ensemble
      ? `The best configuration, retrained as ${r.test.ensemble.members.length} networks on the whole training split (${sizes.train} rows) for up ` +
        `to ${r.test.epochs} epochs each, each stopping early and keeping its best validation epoch's weights, then averaged, `
      : r.test.epoch === undefined
        ? `The best configuration, retrained with its seed for ${r.test.epochs} epochs on the whole training split (${sizes.train} rows), `
        : `The best configuration, retrained with its seed on the whole training split (${sizes.train} rows) for up to ${r.test.epochs} epochs, ` +
          `${stoppedWhy(r.test)} and keeping epoch ${r.test.epoch}'s weights (its best validation score), `) +
      `scored once on the ${sizes.test} test rows.`,
    '',
    ...ensembleLines(r),
    table(['metric', 'test'], studyTestMetrics.map((m) => [metricRegistry[m].title, fixed(r.test!.metrics[m])]), ['l', 'r']),
    '',
    table(['class', 'precision', 'recall', 'F1', 'test rows'],
      r.test.perClass.map((c) => [c.class, fixed(c.precision), fixed(c.recall), fixed(c.f1), c.support]), ['l', 'r', 'r', 'r', 'r']),
    '',
    ...(r.test.decision ? decisionLines(r.test.decision, r.settings.metric) : []),
  ];
}

/** The final model's decision rule, fitted on validation: the test split under `argmax` and under the rule (`search --decision`). */
function decisionLines({ rule, before, after }: StudyDecision, metric: string): string[] {
  const title = metricRecord(metric).title;
  return [
    `The metrics above are under the \`${rule.rule}\` decision rule, fitted on the validation split${rule.rule === 'tuned' ? ` to maximise ${title}` : ''}; ` +
      'calibration is the expected calibration error (15 bins) and the Brier score, smaller being better.',
    '',
    table(['test', 'argmax', rule.rule], [
      [title, fixed(before.metric), fixed(after.metric)],
      ['ECE', fixed(before.ece), fixed(after.ece)],
      ['Brier', fixed(before.brier), fixed(after.brier)],
    ], ['l', 'r', 'r']),
    '',
  ];
}

/**
 * The report's finding in one sentence: the best configuration's validation and test scores,
 * and how far the few-epoch ranking could be trusted.
 *
 * @example
 * `**Finding.** ${studyFinding(report)}`
 */
export function studyFinding(r: StudyReport): string {
  const b = best(r);
  if (!b) return `None of the ${r.counts.trials} trials completed, so the search found no configuration.`;
  const metric = metricRecord(r.settings.metric).title;
  const strategy = b.strategy === null ? '' : ` with strategy ${escapeMarkdown(specText(b.strategy))}`;
  // Early stopping keeps an earlier epoch's weights than the last trained: the finding names the one scored.
  const kept = r.test?.epoch !== undefined && r.test.trained !== undefined && r.test.epoch !== r.test.trained ? ` (epoch ${r.test.epoch}'s weights of ${r.test.trained} trained)` : '';
  const ensemble = r.test?.ensemble;
  // An average of networks: the finding names how many, and what the chosen seed's network scored alone.
  const how = ensemble
    ? ` as ${ensemble.members.length} networks averaged (${ensemble.members.filter((m) => m.kept).length} kept; its trial's seed alone ${fixed(ensemble.members[0]!.test)})`
    : kept || ` for ${r.test?.trained ?? r.test?.epochs} epochs`;
  const test = r.test ? ` and test ${metric} ${fixed(r.test.metrics[r.settings.metric])} after retraining${how}` : '';
  const rho = r.recheck?.spearman ?? null;
  const few = r.recheck?.few ?? r.settings.epochs;
  const pairs = r.recheck?.configs.filter((c) => c.fullScore !== null).length ?? 0;
  const full = r.recheck?.epochs ?? r.settings.epochs;
  const honesty = rho === null ? ''
    : `; the ${few}-epoch scores ranked the top ${r.recheck!.top} ${verdict(rho, pairs, full)} (Spearman ρ = ${rhoText(rho)}${criticalText(rho, pairs)})`;
  return `The best configuration (round ${b.round}, trial ${b.index}${strategy}) scored validation ${metric} ${fixed(b.score)} after ` +
    `${b.curve.length} epochs${test}${honesty}.`;
}
