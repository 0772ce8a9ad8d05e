import { tableSection } from './table-section.ts';
import type { TopLevelSpec } from 'vega-lite';
import type { MeanInterval, PairedTest } from '../metrics/paired.ts';
import type { Params, Space } from '../search/space.ts';
import { metricRegistry } from '../metrics/registry.ts';
import { barChart, lineChart } from './chart.ts';
import { crossValidationSection, type ComparisonCrossValidation } from './cv-section.ts';
import { decisionSection, type DecisionPanel } from './decision-section.ts';
import { trainingSections } from './comparison-training.ts';
import { escapeMarkdown, fixed, withInterval } from './format.ts';
import type { Receipt } from './receipt.ts';
import type { ReportDataset } from './report-dataset.ts';
import { reproduceSection, type Provenance } from './reproduce.ts';
import { table } from './table.ts';

/** The metrics of the main table, in its column order. */
export const comparisonMetrics = ['accuracy', 'balancedAccuracy', 'macroF1', 'gmean', 'minorityRecall', 'prAuc'] as const;
export type ComparisonMetric = (typeof comparisonMetrics)[number];

/** How the reports name each metric. */
export const metricTitles: Record<ComparisonMetric, string> = {
  accuracy: metricRegistry.accuracy.title,
  balancedAccuracy: metricRegistry.balancedAccuracy.title,
  macroF1: metricRegistry.macroF1.title,
  gmean: metricRegistry.gmean.title,
  minorityRecall: 'minority recall',
  prAuc: 'PR-AUC',
};

/** One strategy's results over every seed. */
export interface StrategyResult {
  name: string;
  /** The spec with every option written out, defaults included, and what each part does. */
  options: string;
  description: string;
  /** Class counts of the training split that the trainer saw after the strategy. */
  countsAfter: number[];
  /** Rows of that training split. */
  rows: number;
  metrics: Record<ComparisonMetric, MeanInterval>;
  perSeed: Record<ComparisonMetric, number[]>;
  /** Mean recall of each class over the seeds (null where a class is absent from the test split). */
  recall: (number | null)[];
  /** Confusion matrix summed over the seeds. */
  confusion: number[][];
  /** Mean over seeds of each epoch's training loss and validation accuracy. */
  curve: { epoch: number; steps: number; loss: number; valAccuracy: number }[];
  /** How much the mean validation accuracy rose over the last epoch (null with one epoch): a strategy still climbing was stopped early. */
  lastEpochGain: number | null;
  /** The loss the trainer minimised (`cross-entropy`, `focal(γ=2)`, …): curves of different losses never share an axis. */
  loss: string;
  /** Optimizer steps of one seed's training (mean over seeds; models of a bagging strategy summed). */
  steps: number;
  /**
   * Where its seeds stopped when each trained until its validation macro-F1 settled: the mean kept
   * (best) epoch, epochs and steps trained, and how many seeds the shared cap stopped first.
   */
  settled?: { epoch: number; epochs: number; steps: number; capped: number };
  /** The configuration its own search chose, and that configuration's validation score (with `compare --search`). */
  searched?: { params: Params; score: number };
  /** This strategy against `none`, paired by seed (absent for `none` itself, or without `none`). */
  versusNone?: Record<'minorityRecall' | 'macroF1', PairedTest>;
}

/** Everything a comparison report shows; the markdown is rendered from this alone. */
export interface ComparisonReport {
  kind: 'comparison';
  command: string;
  dataset: ReportDataset & {
    sizes: { train: number; validation: number; test: number };
    trainCounts: number[];
    /** Index of the smallest class of the training split: "the minority". */
    minority: number;
  };
  config: Record<string, unknown>;
  seeds: number[];
  /**
   * What every strategy got the same of: `steps`, the optimizer steps the configuration takes in
   * `epochs` epochs over the unresampled training split, or `epochs` whatever a strategy's split.
   * With `settle`, those are the shared cap, and each run stops once `settle` epochs pass without a better validation macro-F1.
   */
  budget: { by: 'steps' | 'epochs'; steps: number; epochs: number; settle?: number };
  /** Coverage of every interval, e.g. 0.95. */
  level: number;
  /** Bootstrap resamples behind each interval over seeds. */
  resamples: number;
  /** Each strategy's own short search, when there was one (see `compare --search`). */
  search: { trials: number; rounds: number; perRound: number; metric: string; space: Space } | null;
  strategies: StrategyResult[];
  /** Each strategy's K-fold scores on the training split (`compare --cv K`). */
  crossValidation?: ComparisonCrossValidation;
  /** Decision rules per strategy (`skewtune compare`; absent where a report does not show them). */
  decision?: DecisionPanel[];
  packages: Record<string, string>;
  receipt: Receipt;
}

const percent = (level: number) => `${Math.round(level * 100)}%`;
const sign = (x: number) => (x >= 0 ? '+' : '−');
const signed = (x: number) => `${sign(x)}${fixed(Math.abs(x))}`;
const pText = (p: number) => (Number.isNaN(p) ? 'n/a' : p < 0.001 ? '< 0.001' : fixed(p));
const pIs = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${pText(p)}`);

/** The plain sentences that state each strategy's effect with its interval. */
export function findings(r: ComparisonReport): string[] {
  const none = r.strategies.find((s) => s.name === 'none');
  if (!none) return [];
  const minority = escapeMarkdown(r.dataset.classes[r.dataset.minority]!);
  const level = percent(r.level);
  return r.strategies.filter((s) => s.versusNone).map((s) => {
    const recall = s.versusNone!.minorityRecall;
    const f1 = s.versusNone!.macroF1;
    const verb = recall.mean > 0 ? 'raised' : recall.mean < 0 ? 'lowered' : 'left';
    return `**${escapeMarkdown(s.name)}** ${verb} the smallest class's (${minority}) recall from ${fixed(none.metrics.minorityRecall.mean)} ` +
      `to ${fixed(s.metrics.minorityRecall.mean)} (difference ${signed(recall.mean)}, ${level} CI ${signed(recall.low)} to ${signed(recall.high)}, ` +
      `paired t-test over ${r.seeds.length} seeds ${pIs(recall.p)}) and changed macro-F1 by ${signed(f1.mean)} ` +
      `(${level} CI ${signed(f1.low)} to ${signed(f1.high)}, ${pIs(f1.p)}).`;
  });
}

/**
 * A comparison report's markdown between its title and its Reproduce section: findings, data,
 * results, learning curves and confusion matrices. Pages that wrap it (reports/) use it alone.
 *
 * @example
 * const body = comparisonBody(report);
 */
export function comparisonBody(r: ComparisonReport): string {
  const classes = r.dataset.classes;
  const counts = table(
    ['class', 'train split', ...r.strategies.map((s) => `after ${s.name}`)],
    classes.map((c, i) => [c, r.dataset.trainCounts[i]!, ...r.strategies.map((s) => s.countsAfter[i]!)]),
    ['l', ...Array<'r'>(r.strategies.length + 1).fill('r')],
  );
  const main = table(
    ['strategy', 'optimizer steps', ...comparisonMetrics.map((m) => metricTitles[m])],
    r.strategies.map((s) => [s.name, fixed(s.steps, 0), ...comparisonMetrics.map((m) => withInterval(s.metrics[m].mean, s.metrics[m].low, s.metrics[m].high))]),
    ['l', 'r', ...Array<'r'>(comparisonMetrics.length).fill('r')],
  );
  const recall = table(
    ['strategy', ...classes],
    r.strategies.map((s) => [s.name, ...s.recall.map((x) => fixed(x))]),
    ['l', ...Array<'r'>(classes.length).fill('r')],
  );
  const tests = table(
    ['strategy', `Δ minority recall (${percent(r.level)} CI)`, 'p', `Δ macro-F1 (${percent(r.level)} CI)`, 'p'],
    r.strategies.filter((s) => s.versusNone).map((s) => {
      const { minorityRecall: a, macroF1: b } = s.versusNone!;
      return [s.name, `${signed(a.mean)} (${signed(a.low)} to ${signed(a.high)})`, pText(a.p), `${signed(b.mean)} (${signed(b.low)} to ${signed(b.high)})`, pText(b.p)];
    }),
    ['l', 'r', 'r', 'r', 'r'],
  );
  const confusions = r.strategies.map((s) =>
    `### ${escapeMarkdown(s.name)}\n\n${table(['true \\ predicted', ...classes], s.confusion.map((row, i) => [classes[i]!, ...row]))}`).join('\n\n');
  const sentences = findings(r);
  return [
    ...(sentences.length > 0 ? ['## Findings', '', ...sentences.map((s) => `- ${s}`), ''] : []),
    '## Data',
    '',
    `${r.dataset.sizes.train} training, ${r.dataset.sizes.validation} validation and ${r.dataset.sizes.test} test examples; ` +
      `the smallest training class is ${escapeMarkdown(classes[r.dataset.minority]!)}. Strategies act on the training split only; ` +
      `each column shows what the trainer saw.`,
    '',
    counts,
    '',
    ...trainingSections(r),
    '## Results on the test split',
    '',
    `Mean over ${r.seeds.length} seeds (${r.seeds.join(', ')}) with a ${percent(r.level)} percentile bootstrap interval over the seeds ` +
      `(${r.resamples} resamples; it stays inside each metric's range); every strategy ` +
      `trains on the same splits${r.search ? ' after its own short search' : ' with the same configuration'}.`,
    '',
    main,
    '',
    '![mean test metrics by strategy](metrics.svg)',
    '',
    '### Recall of each class',
    '',
    recall,
    '',
    '### Against `none`, paired by seed',
    '',
    'Each difference is the mean of the seeds\' paired differences, with the paired t-test\'s interval and p, which agree: the interval leaves out zero exactly when p is below one minus its level.',
    '',
    tests,
    '',
    '## Learning curves',
    '',
    '![validation accuracy and training loss at the end of each epoch against optimizer steps, mean over seeds; each kind of loss in its own panel and scale](curves.svg)',
    '',
    '## Confusion matrices (summed over seeds)',
    '',
    confusions,
    '',
  ].join('\n');
}

/**
 * The markdown of a comparison report (title, `comparisonBody`, Reproduce) and the charts it links.
 *
 * @example
 * const { markdown, charts } = renderComparison(report);
 */
export function renderComparison(r: ComparisonReport): { markdown: string; charts: Record<string, TopLevelSpec> } {
  const decision = r.decision && decisionSection(r.decision, '###');
  const markdown = [
    `# Strategy comparison on ${escapeMarkdown(r.dataset.name)}${r.dataset.imbalance ? ` (${escapeMarkdown(r.dataset.imbalance)})` : ''}`,
    '',
    ...tableSection(r.dataset.table),
    comparisonBody(r),
    ...(r.crossValidation ? [crossValidationSection(r.crossValidation)] : []),
    ...(decision ? [`## Decision rules and calibration\n\nEach rule fitted on the validation split, applied to the test split.\n\n${decision.markdown}`] : []),
    reproduceSection({
      command: r.command, seeds: r.seeds, data: r.dataset.fingerprints, packages: r.packages, receipt: r.receipt,
    } satisfies Provenance),
  ].join('\n');
  const bars = r.strategies.flatMap((s) => comparisonMetrics.map((m) => ({ metric: metricTitles[m], strategy: s.name, ...s.metrics[m] })));
  const curves = r.strategies.flatMap((s) => s.curve.flatMap((c) => [
    { steps: c.steps, value: c.valAccuracy, strategy: s.name, series: 'validation accuracy' },
    { steps: c.steps, value: c.loss, strategy: s.name, series: `training loss: ${s.loss}` },
  ]));
  return {
    markdown,
    charts: {
      'metrics.svg': barChart(bars, {
        x: 'metric', y: 'mean', low: 'low', high: 'high', series: 'strategy', domain: [0, 1], yTitle: `mean over seeds, ${percent(r.level)} interval`,
      }),
      'curves.svg': lineChart(curves, { x: 'steps', y: 'value', series: 'strategy', facet: 'series', independentY: true, points: true, xTitle: 'optimizer steps (end of each epoch)', yTitle: 'as the panel\'s title says', width: 320, height: 220 }),
      ...(decision && { 'reliability.svg': decision.chart }),
    },
  };
}
