import { describe, expect, it } from 'vitest';
import type { SearchSettings } from '../../src/study/settings.ts';
import { buildStudyReport, type Recheck } from '../../src/study/report.ts';
import { isComplete } from '../../src/search/trial.ts';
import { classificationMetrics, narrowExplained, renderStudy, type CompleteTrial, type Space, type TrialRecord } from '../../src/internal.ts';
import { raggedTableRows, unexplainedNumbers } from '../helpers/markdown.ts';
import { spearmanCritical, verdict } from '../../src/report/study-recheck.ts';

const space: Space = { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 }, opt: { kind: 'choice', values: ['sgd', 'adam'] } };
const settings: SearchSettings = {
  dataset: 'csv:a|b.csv', label: 'label', rounds: 2, trials: 4, epochs: 2, finalEpochs: 6, ensemble: 1, recheck: 2, metric: 'gmean', seed: 5, space,
  sampler: 'narrowing', narrowing: { top: 0.25, minTop: 2, margin: 0.1, minTried: 2, within: 'random' }, pruner: 'none', minEpochs: 1, reduction: 3,
};
const sampler = { name: 'narrowing', options: settings.narrowing };
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
// Round 2's ranges and explanation as study.json records them: narrowed from round 1's complete trials.
const narrowed = narrowExplained(space, trials.filter(isComplete).filter((t) => t.round === 1), { direction: 'maximize', ...settings.narrowing });
const rounds = [{ round: 1, ranges: space }, { round: 2, ranges: narrowed.ranges, explanation: JSON.parse(JSON.stringify(narrowed.notes)) }];

describe('the study report', () => {
  it('counts failures by reason, digits written as N', () => {
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler });
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

  it('lists the trials a distributed study handed to another worker, and says nothing of handovers when there were none', () => {
    const plain = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, handovers: [] });
    expect(plain).not.toHaveProperty('handovers');
    expect(renderStudy(plain).markdown).not.toContain('## Handovers');
    const handovers = [{ round: 1, index: 3, worker: 'host-a/4242', silentSeconds: 21, at: '2026-01-01T00:00:00.000Z' }];
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, handovers });
    expect(report.handovers).toEqual([{ round: 1, index: 3, worker: 'host-a/4242', silentSeconds: 21 }]);
    const { markdown } = renderStudy(report);
    expect(markdown).toContain('## Handovers\n\n1 trial was handed to another worker after its worker stopped heartbeating');
    expect(markdown).toMatch(/\n\| +1 \| +3 \| host-a\/4242 +\| +21 \|\n/);
    expect(raggedTableRows(markdown)).toEqual([]);
    expect(unexplainedNumbers(markdown, report)).toEqual([]);
  });

  it('says why the final training ended: its last epoch, a validation score that stopped improving, or the budget', () => {
    const test = classificationMetrics(Int32Array.from([0, 1, 1, 0]), Int32Array.from([0, 1, 0, 0]), ['x', 'y']);
    const sentence = (final: { epoch: number; epochs: number; timeUp?: boolean }) =>
      renderStudy(buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, test, final })).markdown
        .split('\n').find((line) => line.startsWith('The best configuration, retrained'));
    expect(sentence({ epoch: 4, epochs: 6 })).toContain('for up to 6 epochs, training all 6 and keeping epoch 4\'s weights (its best validation score)');
    expect(sentence({ epoch: 2, epochs: 5 })).toContain('stopping after 5 as the validation score stopped improving and keeping epoch 2\'s weights');
    const budget = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, test, final: { epoch: 3, epochs: 3, timeUp: true } });
    expect(budget.test).toMatchObject({ epoch: 3, trained: 3, budgetEnded: true });
    expect(sentence({ epoch: 3, epochs: 3, timeUp: true })).toContain('stopping after 3 as the time budget ran out and keeping epoch 3\'s weights');
    expect(buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, test, final: { epoch: 4, epochs: 6, timeUp: false } }).test).not.toHaveProperty('budgetEnded');
  });

  it('shows a final model that averages networks: each network alone, which joined, and the average in the finding', () => {
    const test = classificationMetrics(Int32Array.from([0, 1, 1, 0]), Int32Array.from([0, 1, 0, 0]), ['x', 'y']);
    const member = (seed: number | string, validation: number, score: number, kept: boolean) => ({ seed, epoch: 3, epochs: 5, timeUp: false, validation, test: score, kept });
    const members = [member(7, 0.8, 0.75, true), member('7/member1', 0.7, 0.6, false), member('7/member2', 0.8, 0.8, true)];
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, test, final: { epoch: 3, epochs: 5, members, validation: 0.85 } });
    const { markdown } = renderStudy(report);
    expect(markdown).toContain('The best configuration, retrained as 3 networks on the whole training split (80 rows) for up to 6 epochs each');
    expect(markdown).toContain('The final model averages the class probabilities of 2 of the 3 networks below');
    expect(markdown).toMatch(/\n\| +2 \| 7\/member1 +\| +5 \| patience +\| +3 \| +0\.700 \| +0\.600 \| no +\|\n/);
    expect(markdown).toContain('after retraining as 3 networks averaged (2 kept; its trial\'s seed alone 0.750)');
    expect(raggedTableRows(markdown)).toEqual([]);
    // One network: no table, and the report reads as before.
    const single = renderStudy(buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, test, final: { epoch: 3, epochs: 5, members: [members[0]!], validation: 0.8 } })).markdown;
    expect(single).not.toContain('networks below');
  });

  it('judges the honesty check\'s rank correlation by how many configurations it rests on', () => {
    expect(spearmanCritical(4)).toBeNull();
    expect([5, 6, 10, 12].map(spearmanCritical)).toEqual([1, 0.886, 0.648, 0.587]);
    expect(spearmanCritical(26)).toBeCloseTo(1.96 / 5, 3);
    expect(verdict(-0.67, 5, 2)).toBe('in an order 5 configurations cannot tell from chance');
    expect(verdict(0.95, 5, 2)).toBe('in an order 5 configurations cannot tell from chance');
    expect(verdict(0.9, 10, 9)).toBe('much as 9 epochs did');
    expect(verdict(0.5, 30, 9)).toBe('only loosely as 9 epochs did');
    expect(verdict(-0.8, 10, 9)).toBe('against the order of 9 epochs');
  });

  it('shows why each round\'s ranges are what they are, per hyperparameter and value, as study.json explains them', () => {
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler });
    expect(report.rounds[0]!.explanation).toBeNull();
    expect(report.rounds[1]!.explanation).toEqual(narrowed.notes);
    const { markdown } = renderStudy(report);
    // Three complete trials in round 1 (sgd once, adam twice): the best two count, one of each.
    expect(markdown).toMatch(/\| lr +\| narrowed: best 2 of 3 +\|/);
    expect(markdown).toMatch(/\| opt = adam +\| kept: 1 of 2 trials among the best +\|/);
    expect(markdown).toMatch(/\| opt = sgd +\| kept: 1 of 1 trial among the best +\|/);
    expect(raggedTableRows(markdown)).toEqual([]);
    expect(unexplainedNumbers(markdown, report)).toEqual([]);
  });

  it("states the rule from the sampler and options study.json records, not the defaults", () => {
    const wider = { name: 'narrowing', options: { ...settings.narrowing, top: 1, minTop: 3 } };
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler: wider });
    expect(report.sampler).toEqual(wider);
    expect(renderStudy(report).markdown).toContain('the best 100% of them (at least 3) count as the best');
    const tpe = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds: [{ round: 1, ranges: space }], sampler: { name: 'tpe', options: { startup: 10 } } });
    expect(renderStudy(tpe).markdown).toContain('Sampler: tpe (startup 10). Every round samples the whole space');
  });

  it('reports no rank correlation from fewer than three retrained configurations', () => {
    const ranked = trials.filter((t): t is CompleteTrial => t.status === 'complete').sort((a, b) => b.score - a.score);
    const rechecks: Recheck[] = [{ trial: ranked[0]!, score: 0.8, error: null }, { trial: ranked[1]!, score: 0.9, error: null }];
    const report = buildStudyReport({ command: 'skewtune search', settings, dataset, trials, rounds, sampler, rechecks });
    expect(report.recheck).toMatchObject({ epochs: 6, top: 2, spearman: null });
    expect(report.recheck!.configs.map((c) => [c.fewRank, c.fullRank])).toEqual([[1, 2], [2, 1]]);
    expect(renderStudy(report).markdown).toContain('Fewer than three configurations retrained, or their scores all tied: there is no rank correlation to report.');
  });
});
