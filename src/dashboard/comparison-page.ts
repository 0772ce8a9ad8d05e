import type { TopLevelSpec } from 'vega-lite';
import { comparisonMetrics, findings, metricTitles, renderComparison, type ComparisonReport } from '../report/comparison.ts';
import { fixed, withInterval } from '../report/format.ts';

/** A table as plain strings: the page writes every cell as text. */
export interface TextTable {
  title: string;
  header: string[];
  rows: string[][];
}

/** What the comparison page shows: the report's findings, tables and charts. */
export interface ComparisonPage {
  title: string;
  findings: string[];
  tables: TextTable[];
  charts: Record<string, TopLevelSpec>;
}

/** A markdown sentence as plain text: no emphasis marks, no escapes (the page never reads it as HTML). */
const plain = (markdown: string) => markdown.replace(/\*\*/g, '').replace(/\\(.)/g, '$1');

/**
 * The comparison page's content from a comparison's report.json: the same numbers and charts
 * as its README.md (the charts from the same specs), as tables of text.
 *
 * @example
 * comparisonPage(report).tables[0].title; // 'Results on the test split'
 */
export function comparisonPage(r: ComparisonReport): ComparisonPage {
  const classes = r.dataset.classes;
  // The report's own charts, whatever it draws; a report written by reports/ keeps its package
  // versions elsewhere (under provenance), and the page shows no Reproduce section anyway.
  const { charts } = renderComparison({ ...r, packages: r.packages ?? {} });
  return {
    title: `Strategy comparison on ${r.dataset.name}${r.dataset.imbalance ? ` (${r.dataset.imbalance})` : ''}`,
    findings: findings(r).map(plain),
    tables: [
      {
        title: `Results on the test split (mean over ${r.seeds.length} seeds, ${Math.round(r.level * 100)}% interval)`,
        header: ['strategy', ...comparisonMetrics.map((m) => metricTitles[m])],
        rows: r.strategies.map((s) => [s.name, ...comparisonMetrics.map((m) => withInterval(s.metrics[m].mean, s.metrics[m].low, s.metrics[m].high))]),
      },
      {
        title: 'Recall of each class',
        header: ['strategy', ...classes],
        rows: r.strategies.map((s) => [s.name, ...s.recall.map((x) => fixed(x))]),
      },
      {
        title: 'Training split as the trainer saw it',
        header: ['class', 'train split', ...r.strategies.map((s) => `after ${s.name}`)],
        rows: classes.map((c, i) => [c, String(r.dataset.trainCounts[i]), ...r.strategies.map((s) => String(s.countsAfter[i]))]),
      },
      ...r.strategies.map((s) => ({
        title: `Confusion matrix of ${s.name} (summed over seeds)`,
        header: ['true \\ predicted', ...classes],
        rows: s.confusion.map((row, i) => [classes[i]!, ...row.map(String)]),
      })),
    ],
    charts: Object.fromEntries(Object.entries(charts).map(([file, spec]) => [file.replace(/\.svg$/, ''), spec])),
  };
}
