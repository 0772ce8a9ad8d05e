import type { TopLevelSpec } from 'vega-lite';
import { lineChart } from '../report/chart.ts';
import { isMetricName, metricRecord } from '../metrics/registry.ts';
import { studyCharts } from '../report/study-charts.ts';
import { describeRange } from '../search/describe.ts';
import { hyperparameterImportance, type Importance } from '../report/study-importance.ts';
import { bestSoFar } from '../report/study-progress.ts';
import { directionOf, rankView } from './ranking.ts';
import type { StudyView, ViewTrial } from './study-view.ts';

/** What the study page shows, computed on the server so the page only lays it out. */
export interface StudyPage {
  metric: string;
  state: StudyView['state'];
  classes: string[] | null;
  settings: Record<string, string>;
  /** Trials by status ('complete', 'failed', 'pruned', …) and in all. */
  counts: { total: number; byStatus: Record<string, number> };
  best: { round: number; index: number; score: number } | null;
  /** Each round's ranges as text (`0.0001..0.1 (log)`), by hyperparameter. */
  rounds: { round: number; ranges: Record<string, string> }[];
  /** Every trial with its rank as the report ranks them (complete ones, then pruned ones; 1 = best), null for the rest. */
  trials: (ViewTrial & { rank: number | null })[];
  failures: { reason: string; count: number }[];
  importance: Importance[];
  /** Vega-lite specs, each built by the same builders as the markdown reports' charts. */
  charts: Record<string, TopLevelSpec>;
  unreadable: number;
  started: string | null;
  updated: string | null;
}

const titleOf = (metric: string) => (isMetricName(metric) ? metricRecord(metric).title : metric);

/** Failed trials by reason, digits written as N so that "epoch 3" and "epoch 4" count together (as the report does). */
function failures(trials: readonly ViewTrial[]): StudyPage['failures'] {
  const counts = new Map<string, number>();
  for (const t of trials.filter((t) => t.status === 'failed')) {
    const reason = (t.error ?? 'no reason recorded').replace(/\d+(?:\.\d+)?/g, 'N');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

/** Each epoch's validation score of every trial (failed and pruned ones too), to draw as one line per trial coloured by round. */
const epochRows = (trials: readonly ViewTrial[]) => trials.flatMap((t) => t.curve.flatMap((c) =>
  c.score === null ? [] : [{ trial: `${t.round}/${t.index}`, round: t.round, epoch: c.epoch, score: c.score }]));

/** The report's own importance (η² with a seeded bootstrap interval, as the study report measures it) over full-length trials only: a pruned trial's score after fewer epochs would blur the association. */
const importanceOf = (trials: readonly ViewTrial[]): Importance[] =>
  hyperparameterImportance(trials.filter((t) => t.status === 'complete'), 'dashboard');

function charts(view: StudyView, ranked: StudyPage['trials']): Record<string, TopLevelSpec> {
  const title = `validation ${titleOf(view.metric)}`;
  // In the order trials finished; the same rule as the report's curve (complete trials only), so it never falls.
  const progress = bestSoFar(view.trials, directionOf(view.metric)).flatMap((p) => (p.best === null ? [] : [{ trial: p.trial, best: p.best }]));
  const epochs = epochRows(view.trials);
  // The report's own scatter and Best-N curves, so a chart means the same on both.
  const report = studyCharts({
    settings: { metric: isMetricName(view.metric) ? view.metric : 'accuracy' },
    rounds: view.rounds, trials: ranked,
    importance: { parameters: importanceOf(ranked) },
  });
  return {
    ...(progress.length > 0 && {
      bestSoFar: lineChart(progress, { x: 'trial', y: 'best', integerX: true, xTitle: 'trials finished', yTitle: `best ${title} so far` }),
    }),
    ...(report['scatter.svg'] && { scatter: report['scatter.svg'] }),
    ...(epochs.length > 0 && {
      epochs: lineChart(epochs, { x: 'epoch', y: 'score', series: 'round', detail: 'trial', integerX: true, yTitle: title, width: 520, height: 280 }),
    }),
    ...(report['curves.svg'] && { curves: report['curves.svg'] }),
    ...(report['importance.svg'] && { importance: report['importance.svg'] }),
  };
}

/**
 * What the list shows of a study, without the charts: the metric's title, trials by status, the best.
 *
 * @example
 * studySummary(view).counts; // { total: 12, byStatus: { complete: 10, failed: 1, pruned: 1 } }
 */
export function studySummary(view: StudyView): Pick<StudyPage, 'metric' | 'counts' | 'best'> {
  const byStatus: Record<string, number> = {};
  for (const t of view.trials) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  const best = rankView(view.trials, directionOf(view.metric))[0];
  return {
    metric: titleOf(view.metric),
    counts: { total: view.trials.length, byStatus },
    best: best ? { round: best.round, index: best.index, score: best.score } : null,
  };
}

/**
 * The study page's content from a study's view: counts by status, the best trial, ranks,
 * ranges as text, failures by reason, hyperparameter importance, and the charts.
 *
 * @example
 * const page = studyPage(journalView('runs/study')!); // page.charts.bestSoFar is a vega-lite spec
 */
export function studyPage(view: StudyView): StudyPage {
  const order = rankView(view.trials, directionOf(view.metric));
  const rank = new Map<ViewTrial, number>(order.map((t, i) => [t, i + 1]));
  const trials = view.trials.map((t) => ({ ...t, rank: rank.get(t) ?? null }));
  return {
    ...studySummary(view),
    state: view.state,
    classes: view.classes,
    settings: view.settings,
    rounds: view.rounds.map((r) => ({ round: r.round, ranges: Object.fromEntries(Object.entries(r.ranges).map(([n, hp]) => [n, describeRange(hp)])) })),
    trials,
    failures: failures(view.trials),
    // Full-length scores only: a pruned trial's score after fewer epochs would blur the association.
    importance: importanceOf(order),
    charts: charts(view, trials),
    unreadable: view.unreadable,
    started: view.started,
    updated: view.updated,
  };
}
