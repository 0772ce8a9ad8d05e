import { comparisonMetrics, metricTitles } from '../report/comparison.ts';
import { comparisonOf, studyViewOf, type Entry } from './entries.ts';
import { studySummary } from './study-page.ts';

/** One row of the dashboard's list of studies and comparisons. */
export interface ListRow {
  id: string;
  kind: Entry['kind'] | 'database';
  state: string;
  /** The best score and what it measures, as text ('validation accuracy 0.931'), or null. */
  best: string | null;
  /** Trials (or, for a comparison, strategies × seeds) by status. */
  counts: Record<string, number>;
  started: string | null;
  /** Seconds from start to the last change (to now while it runs), if known. */
  elapsed: number | null;
}

/** How long a study has run: to its last trial when done, to now while running. */
function elapsed(started: string | null, updated: string | null, running: boolean, now: number): number | null {
  if (started === null) return null;
  const end = running ? now : updated === null ? null : Date.parse(updated);
  return end === null ? null : Math.max(0, Math.round((end - Date.parse(started)) / 1000));
}

/**
 * The list page's row of an entry; undefined when it cannot be read (yet).
 *
 * @example
 * listRow(entry, Date.now()); // { id: 'study', kind: 'study', state: 'running', best: 'validation accuracy 0.912', … }
 */
export function listRow(entry: Entry, now: number): ListRow | undefined {
  if (entry.kind === 'comparison') {
    const r = comparisonOf(entry);
    if (!r) return undefined;
    const best = [...r.strategies].sort((a, b) => b.metrics.macroF1.mean - a.metrics.macroF1.mean)[0];
    return {
      id: entry.id, kind: 'comparison', state: 'done',
      best: best ? `${best.name}: test ${metricTitles.macroF1} ${best.metrics.macroF1.mean.toFixed(3)}` : null,
      counts: { strategies: r.strategies.length, seeds: r.seeds.length, metrics: comparisonMetrics.length },
      started: null, elapsed: null,
    };
  }
  const view = studyViewOf(entry);
  if (!view) return undefined;
  const page = studySummary(view);
  return {
    id: entry.id, kind: 'study', state: view.state,
    best: page.best ? `validation ${page.metric} ${page.best.score.toFixed(3)}` : null,
    counts: { total: page.counts.total, ...page.counts.byStatus },
    started: view.started,
    elapsed: elapsed(view.started, view.updated, view.state === 'running', now),
  };
}
