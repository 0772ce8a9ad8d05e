import type { TopLevelSpec } from 'vega-lite';
import type { RuleSummary } from '../model/rule-outcomes.ts';
import { lineChart } from './chart.ts';
import { escapeMarkdown, withInterval } from './format.ts';
import { table } from './table.ts';

/** One panel of the decision-rule section: a strategy (or a dataset and strategy) and its rules over seeds. */
export interface DecisionPanel {
  panel: string;
  rules: RuleSummary[];
}

const cell = (m: { mean: number; low: number; high: number }) => withInterval(m.mean, m.low, m.high);
const signed = (m: { mean: number; low: number; high: number }) => `${m.mean >= 0 ? '+' : ''}${cell(m)}`;

/**
 * Markdown for decision rules fitted on validation: per panel, each rule's test macro-F1,
 * expected calibration error and Brier score (means with 95% intervals over seeds) and its
 * paired change from `argmax`; then a reliability diagram (`reliability.svg`) with one panel
 * per entry and one line per rule.
 *
 * @example
 * const { markdown, chart } = decisionSection([{ panel: 'smote', rules: summariseRules(runs) }], '###');
 */
export function decisionSection(panels: readonly DecisionPanel[], heading: string): { markdown: string; chart: TopLevelSpec } {
  const sections = panels.map((p) => [
    `${heading} ${escapeMarkdown(p.panel)}`, '',
    table(['rule', 'test macro-F1', 'test ECE', 'test Brier'], p.rules.map((r) => [r.rule, cell(r.macroF1), cell(r.ece), cell(r.brier)]), ['l', 'r', 'r', 'r']),
    '',
    'Each rule against `argmax` (the mean paired difference over seeds, its 95% interval, and the t-test\'s p):', '',
    table(['rule', 'Δ macro-F1', 'Δ ECE', 'p (ECE)'], p.rules.flatMap((r) => (r.versusArgmax
      ? [[r.rule, signed(r.versusArgmax.macroF1), signed(r.versusArgmax.ece), Number.isNaN(r.versusArgmax.ece.p) ? '—' : r.versusArgmax.ece.p.toFixed(4)]]
      : [])), ['l', 'r', 'r', 'r']),
    '',
  ].join('\n'));
  const points = panels.flatMap((p) => [
    ...p.rules.flatMap((r) => r.bins.filter((b) => b.count > 0)
      .map((b) => ({ panel: p.panel, rule: r.rule, confidence: b.confidence!, accuracy: b.accuracy! }))),
    { panel: p.panel, rule: 'perfect', confidence: 0, accuracy: 0 }, { panel: p.panel, rule: 'perfect', confidence: 1, accuracy: 1 },
  ]);
  const markdown = [
    ...sections,
    `${heading} Reliability`, '',
    'Test accuracy against confidence (the top class\'s probability) in 10 bins, pooled over seeds; a calibrated model lies on the diagonal.', '',
    '![reliability](reliability.svg)', '',
  ].join('\n');
  return {
    markdown,
    chart: lineChart(points, { x: 'confidence', y: 'accuracy', series: 'rule', facet: 'panel', xTitle: 'confidence', yTitle: 'accuracy', width: 240, height: 200 }),
  };
}
