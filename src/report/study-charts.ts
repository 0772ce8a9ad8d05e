import type { TopLevelSpec } from 'vega-lite';
import { metricRecord } from '../metrics/registry.ts';
import { isLog } from '../search/space.ts';
import { lineChart, scatterGrid } from './chart.ts';
import type { StudyReport, StudyRound, StudyTrial } from './study-types.ts';

/** What the study charts are drawn from: a whole report, or the dashboard's view of a study still running. */
export interface StudyChartInput {
  settings: Pick<StudyReport['settings'], 'metric'>;
  rounds: readonly Pick<StudyRound, 'ranges'>[];
  trials: readonly Pick<StudyTrial, 'round' | 'params' | 'score' | 'rank' | 'curve'>[];
  shown: Pick<StudyReport['shown'], 'curves'>;
}

/** How many of the best trials the curves chart shows (Best-1 … Best-20): the report's and the dashboard's. */
export const curveTrials = 20;

/** The hyperparameters a scatter can plot: numeric ranges, and choices of numbers only. */
function numericParameters(r: StudyChartInput): { name: string; log: boolean }[] {
  return Object.entries(r.rounds[0]?.ranges ?? {}).flatMap(([name, hp]) => {
    if (hp.kind !== 'choice') return [{ name, log: isLog(hp) }];
    return hp.values.length > 1 && hp.values.every((v) => typeof v === 'number') ? [{ name, log: false }] : [];
  });
}

/**
 * The study report's charts: `scatter.svg`, each numeric hyperparameter against the validation
 * score coloured by round, and `curves.svg`, the per-epoch curves of the best trials (Best-1 …).
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
  const curves = complete.filter((t) => t.rank! <= r.shown.curves).sort((a, b) => a.rank! - b.rank!).flatMap((t) => t.curve.flatMap((c) => [
    { trial: `Best-${t.rank}`, epoch: c.epoch, value: c.score, series: metric },
    ...(c.trainAccuracy === null ? [] : [{ trial: `Best-${t.rank}`, epoch: c.epoch, value: c.trainAccuracy, series: 'training accuracy' }]),
  ]));
  return {
    ...(used.length > 0 && {
      'scatter.svg': scatterGrid(points, { panel: 'parameter', panels: used, x: 'value', y: 'score', color: 'round', yTitle: metric }),
    }),
    ...(curves.length > 0 && {
      'curves.svg': lineChart(curves, { x: 'epoch', y: 'value', series: 'series', facet: 'trial', integerX: true, yTitle: 'score', width: 150, height: 100 }),
    }),
  };
}
