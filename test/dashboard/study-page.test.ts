import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { studyPage } from '../../src/dashboard/study-page.ts';
import { readTrials, reportView } from '../../src/dashboard/study-view.ts';
import type { StudyReport } from '../../src/report/study-types.ts';
import { studyCharts } from '../../src/report/study-charts.ts';

const report = JSON.parse(readFileSync(new URL('../../reports/search-study/report.json', import.meta.url), 'utf8')) as StudyReport;

/** The page of a running study whose journal holds these trials (seed, params, history and seconds filled in). */
function runningPage(records: object[]): ReturnType<typeof studyPage> {
  const journal = records.map((t) => JSON.stringify({ seed: 1, params: {}, history: [], seconds: 1, ...t })).join('\n');
  const { trials } = readTrials(`${journal}\n`);
  return studyPage({ state: 'running', metric: 'accuracy', classes: null, settings: {}, rounds: [], trials, unreadable: 0, started: null, updated: null });
}

const bestSoFar = (page: ReturnType<typeof studyPage>) =>
  (page.charts.bestSoFar as { data: { values: { trial: number; best: number }[] } }).data.values;

describe("the dashboard's study page", () => {
  it("draws the report's own scatter and curves specs, and every trial's learning curve", () => {
    const page = studyPage(reportView('reports/search-study', report));
    expect(page.charts.scatter).toEqual(studyCharts(report)['scatter.svg']);
    expect(page.charts.curves).toEqual(studyCharts(report)['curves.svg']);
    const epochs = (page.charts.epochs as { data: { values: { trial: string }[] } }).data.values;
    expect(new Set(epochs.map((e) => e.trial)).size).toBe(report.trials.length);
    expect(page.best).toEqual({ round: report.best!.round, index: report.best!.index, score: expect.any(Number) });
    expect(page.trials.map((t) => t.rank)).toEqual(report.trials.map((t) => t.rank));
  });

  it('follows the best score in the order trials finished, ranking pruned trials after complete ones as the report does', () => {
    const page = runningPage([
      { round: 1, index: 2, status: 'complete', score: 0.5 },
      { round: 1, index: 0, status: 'failed', score: null, error: 'loss diverged at epoch 3' },
      { round: 1, index: 1, status: 'complete', score: 0.8 },
      { round: 1, index: 3, status: 'pruned', score: 0.9, epoch: 1 },
      { round: 1, index: 4, status: 'complete', score: 0.7 },
    ]);
    const values = bestSoFar(page);
    expect(values).toEqual([{ trial: 1, best: 0.5 }, { trial: 2, best: 0.5 }, { trial: 3, best: 0.8 }, { trial: 4, best: 0.8 }, { trial: 5, best: 0.8 }]);
    expect(page.trials.map((t) => t.rank)).toEqual([3, null, 1, 4, 2]);
  });
  it('never lets the best-so-far line fall when a pruned trial scored above the complete one that takes the lead', () => {
    const page = runningPage([
      { round: 1, index: 0, status: 'pruned', score: 0.9, epoch: 1 },
      { round: 1, index: 1, status: 'complete', score: 0.6 },
      { round: 1, index: 2, status: 'pruned', score: 0.95, epoch: 3 },
      { round: 1, index: 3, status: 'complete', score: 0.7 },
    ]);
    const values = bestSoFar(page);
    expect(values).toEqual([{ trial: 2, best: 0.6 }, { trial: 3, best: 0.6 }, { trial: 4, best: 0.7 }]);
    expect(page.best).toEqual({ round: 1, index: 3, score: 0.7 });
  });
});

describe('reading a journal being written', () => {
  it('leaves out a torn last line without counting it, counts a broken whole line, and keeps the first of a repeated trial', () => {
    const line = (index: number, score: number) => JSON.stringify({ round: 1, index, status: 'complete', score });
    const { trials, unreadable } = readTrials(`${line(0, 0.1)}\nnot json\n${line(0, 0.9)}\n${line(1, 0.2)}\n{"round":1,"index":2,"sta`);
    expect(trials.map((t) => [t.index, t.score])).toEqual([[0, 0.1], [1, 0.2]]);
    expect(unreadable).toBe(1);
  });
});
