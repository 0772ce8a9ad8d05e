import { describe, expect, it } from 'vitest';
import type { SearchSettings } from '../../src/study/settings.ts';
import { buildStudyReport, type Recheck } from '../../src/study/report.ts';
import { renderStudy, type CompleteTrial, type Space, type TrialRecord } from '../../src/index.ts';
import { raggedTableRows, unexplainedNumbers } from '../helpers/markdown.ts';

const space: Space = { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 }, opt: { kind: 'choice', values: ['sgd', 'adam'] } };
const settings: SearchSettings = {
  dataset: 'csv:a|b.csv', label: 'label', rounds: 2, trials: 4, epochs: 2, finalEpochs: 6, recheck: 2, metric: 'gmean', seed: 5, space,
  narrowing: { top: 0.25, minTop: 2, margin: 0.1 },
};
const dataset = { name: 'csv:a|b.csv', hash: 'sha256:0', fingerprints: { 'train split': 'sha256:0' }, imbalance: null, classes: ['x', 'y'], sizes: { train: 80, trial: 80, validation: 20, test: 25 } };

function trial(round: number, index: number, lr: number, score: number | null, error?: string): TrialRecord {
  const params = { lr, opt: index % 2 === 0 ? 'sgd' : 'adam' };
  return score === null
    ? { round, index, seed: 10 * round + index, params, status: 'failed', score: null, last: null, history: [], seconds: 1, error: error! }
    : { round, index, seed: 10 * round + index, params, status: 'complete', score, last: score, history: [{ epoch: 1, score: score / 2 }, { epoch: 2, score }], seconds: 1 };
}

const trials = [
  trial(1, 0, 0.01, 0.61), trial(1, 1, 0.002, 0.74), trial(1, 2, 0.05, null, 'training diverged: loss became NaN at iteration 17'),
  trial(1, 3, 0.0003, 0.52), trial(2, 0, 0.004, 0.77), trial(2, 1, 0.003, 0.7), trial(2, 2, 0.006, null, 'training diverged: loss became NaN at iteration 4'),
  trial(2, 3, 0.001, null, 'ran past the trial timeout of 30 s'),
];
const rounds = [{ round: 1, ranges: space }, { round: 2, ranges: { lr: { kind: 'loguniform', low: 0.0008, high: 0.02 }, opt: { kind: 'choice', values: ['adam', 'sgd'] } } as Space }];

describe('the study report', () => {
  it('counts failures by reason, digits written as N', () => {
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds });
    expect(report.failures).toEqual([
      { reason: 'training diverged: loss became NaN at iteration N', count: 2 },
      { reason: 'ran past the trial timeout of N s', count: 1 },
    ]);
    expect(report.counts).toEqual({ trials: 8, complete: 5, failed: 3 });
    expect(report.trials.filter((t) => t.rank !== null).sort((a, b) => a.rank! - b.rank!).map((t) => [t.round, t.index])).toEqual([[2, 0], [1, 1], [2, 1], [1, 0], [1, 3]]);
    const { markdown } = renderStudy(report);
    expect(markdown).toMatch(/\| training diverged: loss became NaN at iteration N \| +2 \|/);
    expect(markdown).toContain('3 of 8 trials failed');
    expect(markdown).toContain('Not run: the study ended before its best configuration was retrained.');
    expect(markdown).toContain('**Finding.** The best configuration (round 2, trial 0) scored validation G-mean 0.770 after 2 epochs.');
    expect(markdown).toContain('# Search on csv:a\\|b.csv');
    expect(raggedTableRows(markdown)).toEqual([]);
    expect(unexplainedNumbers(markdown, report)).toEqual([]);
  });

  it('shows what narrowed each round: the best quarter (at least two) of the complete trials before it', () => {
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds });
    expect(report.rounds[1]!.basis).toEqual({
      complete: 3,
      params: { lr: { among: 3, kept: 2, best: [0.002, 0.01] }, opt: { among: 3, kept: 2, best: ['adam', 'sgd'] } },
    });
    expect(renderStudy(report).markdown).toMatch(/\| lr +\| best 2 of 3: 2\.00e-3\.\.0\.0100 +\|/);
  });

  it("explains the rounds by the study's own narrowing options, not the defaults", () => {
    const wider = { ...settings, narrowing: { top: 1, minTop: 3, margin: 0.1 } };
    const report = buildStudyReport({ command: 'skewtune search', settings: wider, dataset, trials, rounds });
    expect(report.narrowing).toEqual({ top: 1, minTop: 3, margin: 0.1 });
    expect(report.rounds[1]!.basis!.params.lr).toEqual({ among: 3, kept: 3, best: [0.002, 0.01, 0.0003] });
  });

  it('reports no rank correlation from fewer than three retrained configurations', () => {
    const ranked = trials.filter((t): t is CompleteTrial => t.status === 'complete').sort((a, b) => b.score - a.score);
    const rechecks: Recheck[] = [{ trial: ranked[0]!, score: 0.8, error: null }, { trial: ranked[1]!, score: 0.9, error: null }];
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, rechecks });
    expect(report.recheck).toMatchObject({ epochs: 6, top: 2, spearman: null });
    expect(report.recheck!.configs.map((c) => [c.fewRank, c.fullRank])).toEqual([[1, 2], [2, 1]]);
    expect(renderStudy(report).markdown).toContain('Fewer than three configurations retrained, or their scores all tied: there is no rank correlation to report.');
  });
});
