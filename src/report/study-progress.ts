import type { TopLevelSpec } from 'vega-lite';
import type { Direction } from '../search/narrowing.ts';
import { barChart } from './chart.ts';
import { better } from '../search/direction.ts';

/** What the progress charts read of a trial; `status` is any state a trial ends in (complete, failed, pruned, …). */
export interface ProgressTrial {
  round: number;
  index: number;
  status: string;
  score: number | null;
  curve: readonly { epoch: number; score: number | null }[];
}

/** One point of the best-so-far curve: the trial's position, its score, and the best up to it (null before any trial completes). */
export interface BestSoFarPoint {
  trial: number;
  round: number;
  score: number | null;
  best: number | null;
}

/**
 * The best score after each trial, in the order given (the report: as planned; the dashboard: as
 * finished). Only complete trials count: a pruned trial's score is from fewer epochs and never ranks
 * above a complete one (see `rankTrials`), so counting it would make the curve fall when a complete
 * trial scored below it took the lead.
 *
 * @example
 * bestSoFar(inPlannedOrder(trials)).at(-1)!.best; // the study's best score
 */
export function bestSoFar(trials: readonly ProgressTrial[], direction: Direction = 'maximize'): BestSoFarPoint[] {
  let best: number | null = null;
  const improves = (score: number) => best === null || better(direction, score, best);
  return trials.map((t, i) => {
    if (t.status === 'complete' && t.score !== null && improves(t.score)) best = t.score;
    return { trial: i + 1, round: t.round, score: t.score, best };
  });
}

/** Trials in the order the search planned them: round, then index. */
export const inPlannedOrder = <T extends Pick<ProgressTrial, 'round' | 'index'>>(trials: readonly T[]): T[] =>
  [...trials].sort((a, b) => a.round - b.round || a.index - b.index);

/**
 * Every trial's validation score per epoch in one chart: a line per trial, coloured by round, dashed
 * by how the trial ended (so pruned or failed trials stand apart from complete ones).
 */
export function trialCurvesChart(trials: readonly ProgressTrial[], metric: string): TopLevelSpec {
  const values = trials.flatMap((t) => t.curve.filter((c) => c.score !== null).map((c) => ({
    trial: `${t.round}.${t.index}`, round: t.round, state: t.status, epoch: c.epoch, score: c.score,
  })));
  return {
    data: { values },
    width: 420,
    height: 260,
    mark: { type: 'line', strokeWidth: 1.2, opacity: 0.75, point: { size: 12 } },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', axis: { format: 'd', tickMinStep: 1 } },
      y: { field: 'score', type: 'quantitative', title: metric, scale: { zero: false } },
      color: { field: 'round', type: 'ordinal', scale: { scheme: 'category10' } },
      strokeDash: { field: 'state', type: 'nominal', title: 'trial state' },
      detail: { field: 'trial', type: 'nominal' },
    },
  };
}

/** Each trial's score as a point coloured by round, and the best so far as a step line over them. */
export function bestSoFarChart(points: readonly BestSoFarPoint[], metric: string): TopLevelSpec {
  return {
    data: { values: points.map((p) => ({ ...p })) },
    width: 420,
    height: 240,
    encoding: { x: { field: 'trial', type: 'quantitative', title: 'trial, in the order planned', axis: { format: 'd', tickMinStep: 1 } } },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 30 },
        encoding: {
          y: { field: 'score', type: 'quantitative', title: metric, scale: { zero: false } },
          color: { field: 'round', type: 'ordinal', scale: { scheme: 'category10' } },
        },
      },
      { mark: { type: 'line', interpolate: 'step-after', color: '#333' }, encoding: { y: { field: 'best', type: 'quantitative' } } },
    ],
  };
}

/** The importance of each hyperparameter as bars with their bootstrap intervals. */
export function importanceChart(rows: readonly { parameter: string; share: { mean: number; low: number; high: number } }[]): TopLevelSpec {
  return barChart(rows.map((r) => ({ parameter: r.parameter, ...r.share })), {
    x: 'parameter', y: 'mean', low: 'low', high: 'high', domain: [0, 1], yTitle: 'importance (η², 95% bootstrap interval)',
  });
}
