import type { TopLevelSpec } from 'vega-lite';
import { metricRecord } from '../metrics/registry.ts';
import { isLog } from '../search/space.ts';
import { scatterGrid } from './chart.ts';
import { bestSoFar, bestSoFarChart, importanceChart, inPlannedOrder, trialCurvesChart, type ProgressTrial } from './study-progress.ts';
import type { StudyReport, StudyRound, StudyTrial } from './study-types.ts';

/** What the study charts are drawn from: a whole report, or the dashboard's view of a study still running (no importance yet). */
export interface StudyChartInput {
  settings: Pick<StudyReport['settings'], 'metric'>;
  rounds: readonly Pick<StudyRound, 'ranges'>[];
  trials: readonly (ProgressTrial & Pick<StudyTrial, 'params' | 'rank'>)[];
  importance?: Pick<StudyReport['importance'], 'parameters'>;
}

/** The hyperparameters a scatter can plot: numeric ranges, and choices of numbers only. */
function numericParameters(r: StudyChartInput): { name: string; log: boolean }[] {
  return Object.entries(r.rounds[0]?.ranges ?? {}).flatMap(([name, hp]) => {
    if (hp.kind !== 'choice') return [{ name, log: isLog(hp) }];
    return hp.values.length > 1 && hp.values.every((v) => typeof v === 'number') ? [{ name, log: false }] : [];
  });
}

/**
 * The study report's charts: `scatter.svg`, each numeric hyperparameter against the validation
 * score coloured by round; `curves.svg`, every trial's per-epoch score coloured by round;
 * `best-so-far.svg`; and `importance.svg`, each hyperparameter's importance with its interval.
 * A chart with nothing to draw is left out.
 *
 * @example
 * const charts = studyCharts(report); // { 'scatter.svg': spec, 'curves.svg': spec }
 */
export function studyCharts(r: StudyChartInput): Record<string, TopLevelSpec> {
  const metric = `validation ${metricRecord(r.settings.metric).title}`;
  const complete = r.trials.filter((t) => t.rank !== null);
  const panels = numericParameters(r);
  const points = panels.flatMap(({ name }) => complete.flatMap((t) => {
    const value = t.params[name];
    return typeof value === 'number' ? [{ parameter: name, value, score: t.score, round: t.round }] : [];
  }));
  const used = panels.filter((p) => points.some((q) => q.parameter === p.name));
  const curves = r.trials.some((t) => t.curve.some((c) => c.score !== null));
  return {
    ...(used.length > 0 && {
      'scatter.svg': scatterGrid(points, { panel: 'parameter', panels: used, x: 'value', y: 'score', color: 'round', yTitle: metric }),
    }),
    ...(curves && { 'curves.svg': trialCurvesChart(r.trials, metric), 'best-so-far.svg': bestSoFarChart(bestSoFar(inPlannedOrder(r.trials)), metric) }),
    ...(r.importance && r.importance.parameters.length > 0 && { 'importance.svg': importanceChart(r.importance.parameters) }),
  };
}
