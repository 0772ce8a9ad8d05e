import { describe, expect, it } from 'vitest';
import { buildStudyReport } from '../../src/study/report.ts';
import type { SearchSettings } from '../../src/study/settings.ts';
import { classificationMetrics, renderStudy, type Space, type TrialRecord } from '../../src/internal.ts';
import { raggedTableRows, unexplainedNumbers } from '../helpers/markdown.ts';

const space: Space = { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 } };
const settings: SearchSettings = {
  dataset: 'csv:a.csv', label: 'label', rounds: 1, trials: 1, epochs: 2, finalEpochs: 6, ensemble: 3, recheck: 0, metric: 'accuracy', seed: 5, space,
  sampler: 'random', narrowing: { top: 0.5, minTop: 2, margin: 0.1, minTried: 2, within: 'tpe' }, pruner: 'none', minEpochs: 1, reduction: 3, budget: '30s',
};
const dataset = { name: 'csv:a.csv', hash: 'sha256:0', fingerprints: { 'train split': 'sha256:0' }, imbalance: null, classes: ['x', 'y'], sizes: { train: 80, trial: 80, validation: 20, test: 25 } };
const trials: TrialRecord[] = [{ round: 1, index: 0, seed: 7, params: { lr: 0.01 }, status: 'complete', score: 0.7, last: 0.7, history: [{ epoch: 2, score: 0.7 }], seconds: 1 }];
const test = classificationMetrics(Int32Array.from([0, 1, 1, 0]), Int32Array.from([0, 1, 0, 0]), ['x', 'y']);
const member = (seed: number | string, cap: number, start: 'fresh' | 'trial', epochs: number, validation: number) =>
  ({ seed, epoch: epochs, epochs, cap, start, timeUp: false, validation, test: 0.7, kept: true });
const seconds = { load: 1.2, trials: 14.1, recheck: 0, final: 12.3, report: 0, idle: 0.2, total: 27.8, cpu: { load: 0.4, trials: 27.5, recheck: 0, final: 23.9, report: 0, total: 51.8 } };

function rendered(ended: 'budget' | 'converged') {
  const members = [member(7, 6, 'fresh', 6, 0.8), member('7/member1', 6, 'fresh', 6, 0.75), member('7/member2', 6, 'fresh', 6, 0.77), member(7, 6, 'trial', 4, 0.85), member('7/member3', 12, 'trial', 9, 0.86)];
  const budget = { limit: '30s', ended: true, trials: 1, epochs: 2, pruned: 0, failed: 0, rounds: 1, final: ended, seconds };
  const report = buildStudyReport({
    command: 'skewtune search', settings, dataset, trials, rounds: [{ round: 1, ranges: space }], sampler: { name: 'random', options: {} }, budget, test,
    final: { epoch: 6, epochs: 6, members, validation: 0.9, start: { fresh: 0.8, trial: 0.85 } },
  });
  return { report, markdown: renderStudy(report).markdown };
}

describe('a budgeted study\'s report', () => {
  it('accounts for every second, says why the final training ended, and shows each network\'s cap, start and the measurement behind the start', () => {
    const { report, markdown } = rendered('budget');
    expect(markdown).toContain('Every second until this report: data 1.2 s, trials 14.1 s, recheck 0 s, final training 12.3 s (23.9 s of CPU on all threads), idle 0.2 s; 27.8 s in all.');
    expect(markdown).toContain('The final training went on to the budget\'s end.');
    expect(markdown).toContain('validation accuracy 0.800 against 0.850, so the networks after that started from the checkpoint.');
    expect(markdown).toMatch(/\n\| +5 \| 7\/member3 +\| +12 \| trial's checkpoint +\| +9 \| patience +\|/);
    expect(markdown).toMatch(/\n\| +1 \| 7 +\| +6 \| fresh +\| +6 \| its last epoch +\|/);
    expect(raggedTableRows(markdown)).toEqual([]);
    expect(unexplainedNumbers(markdown, report)).toEqual([]);
  });

  it('says when more networks no longer helped', () => {
    expect(rendered('converged').markdown).toContain('every network stopped on its own (patience), and the last two did not raise the average\'s validation score');
  });
});
