import { metricRegistry } from '../metrics/registry.ts';
import { isLog, type Hyperparameter } from '../search/space.ts';
import { compact, escapeMarkdown, fixed, specText, valueText } from './format.ts';
import { studyTestMetrics, type StudyBasis, type StudyReport, type StudyTrial } from './study-types.ts';
import { rhoText, verdict } from './study-recheck.ts';
import { table } from './table.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A range as a table shows it: `1.00e-6..0.100 (log)`, `1..10 (integers)`, `sgd, adam`. */
function rangeText(hp: Hyperparameter): string {
  if (hp.kind === 'choice') return hp.values.map(valueText).join(', ');
  return `${compact(hp.low)}..${compact(hp.high)}${hp.kind === 'int' ? ' (integers)' : ''}${isLog(hp) ? ' (log)' : ''}`;
}

/** What narrowed a range: `best 5 of 20: 1.2e-3..8.7e-3`, or the choices they used. */
function basisText(previous: Hyperparameter, b: StudyBasis): string {
  if (b.kept === 0) return 'no complete trial set it; kept';
  if (previous.kind === 'choice') return `best ${b.kept} of ${b.among}: ${[...new Set(b.best.map(valueText))].join(', ')}`;
  const numbers = b.best.filter((v): v is number => typeof v === 'number');
  const [low, high] = [compact(Math.min(...numbers)), compact(Math.max(...numbers))];
  return `best ${b.kept} of ${b.among}: ${low === high ? low : `${low}..${high}`}`;
}

const best = (r: StudyReport): StudyTrial | undefined => r.trials.find((t) => t.round === r.best?.round && t.index === r.best.index);

/**
 * The ranges of every round side by side, what narrowed each into the next, and the rule.
 *
 * @example
 * lines.push(...narrowingSection(report));
 */
export function narrowingSection(r: StudyReport): string[] {
  const first = r.rounds[0];
  if (!first) return [];
  const names = Object.keys(first.ranges);
  const { top, minTop, margin } = r.narrowing;
  const later = r.rounds.slice(1);
  const conditions = names.filter((n) => first.ranges[n]!.when).map((n) => {
    const when = Object.entries(first.ranges[n]!.when!).map(([k, values]) => `${k} is ${values.map(valueText).join(' or ')}`).join(' and ');
    return `- ${escapeMarkdown(n)} applies only when ${escapeMarkdown(when)}; trials without it do not count for it.`;
  });
  return [
    '## How the ranges narrowed',
    '',
    `After each round the ranges narrow around the best trials so far. For each hyperparameter the complete trials that set it are ranked by ` +
      `score and the best ${percent(top)} of them (at least ${minTop}) are kept; a numeric range shrinks to the span of their values widened ` +
      `by ${percent(margin)} of its width on each side (in log scale for a log range), never beyond the current range; a choice keeps the values they used.`,
    '',
    table(['hyperparameter', ...r.rounds.map((d) => `round ${d.round}`)], names.map((n) => [n, ...r.rounds.map((d) => (d.ranges[n] ? rangeText(d.ranges[n]) : null))])),
    '',
    ...(later.length === 0 ? [] : [
      'What each round\'s ranges were narrowed from: the best trials of the rounds before it.',
      '',
      table(
        ['hyperparameter', ...later.map((d) => `round ${d.round} (${d.basis?.complete ?? 0} complete trials before it)`)],
        names.map((n) => [n, ...later.map((d, i) => (d.basis?.params[n] ? basisText(r.rounds[i]!.ranges[n]!, d.basis.params[n]) : null))]),
      ),
      '',
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
      ['rank', 'round', 'trial', `validation ${metricRegistry[r.settings.metric].title}`, ...names],
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
    `The best configuration, retrained with its seed for ${r.test.epochs} epochs on the whole training split (${sizes.train} rows), ` +
      `scored once on the ${sizes.test} test rows.`,
    '',
    table(['metric', 'test'], studyTestMetrics.map((m) => [metricRegistry[m].title, fixed(r.test!.metrics[m])]), ['l', 'r']),
    '',
    table(['class', 'precision', 'recall', 'F1', 'test rows'],
      r.test.perClass.map((c) => [c.class, fixed(c.precision), fixed(c.recall), fixed(c.f1), c.support]), ['l', 'r', 'r', 'r', 'r']),
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
  const metric = metricRegistry[r.settings.metric].title;
  const strategy = b.strategy === null ? '' : ` with strategy ${escapeMarkdown(specText(b.strategy))}`;
  const test = r.test ? ` and test ${metric} ${fixed(r.test.metrics[r.settings.metric])} after ${r.test.epochs} epochs of retraining` : '';
  const rho = r.recheck?.spearman ?? null;
  const honesty = rho === null ? '' : `; the ${r.settings.epochs}-epoch scores ranked the top ${r.recheck!.top} ${verdict(rho)} (Spearman ρ = ${rhoText(rho)})`;
  return `The best configuration (round ${b.round}, trial ${b.index}${strategy}) scored validation ${metric} ${fixed(b.score)} after ` +
    `${r.settings.epochs} epochs${test}${honesty}.`;
}
