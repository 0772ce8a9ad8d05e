import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/internal.ts';
import { hyperparameterImportance } from '../../src/report/study-importance.ts';
import { bestSoFar, inPlannedOrder, trialCurvesChart } from '../../src/report/study-progress.ts';

describe('hyperparameter importance (η² with a bootstrap interval)', () => {
  // The score follows the optimizer and hardly the learning rate.
  const rng = createRng('importance');
  const trials = Array.from({ length: 40 }, (_, i) => {
    const optimizer = ['adam', 'sgd'][i % 2]!;
    return { params: { optimizer, lr: rng.uniform() }, score: (optimizer === 'adam' ? 0.9 : 0.6) + rng.normal(0, 0.02) };
  });

  it('ranks the parameter the score follows first, with most of the variance, and the other near none', () => {
    const [first, second] = hyperparameterImportance(trials, 1);
    expect(first!.parameter).toBe('optimizer');
    expect(first!.share.mean).toBeGreaterThan(0.9);
    expect(second!.parameter).toBe('lr');
    expect(second!.share.mean).toBeLessThan(0.3);
    expect([first!.groups, second!.groups]).toEqual([2, 4]);
  });

  it('gives intervals inside [0, 1] around the estimate, the same for the same seed', () => {
    const rows = hyperparameterImportance(trials, 1);
    for (const { share } of rows) {
      expect(0 <= share.low && share.low <= share.mean && share.mean <= share.high && share.high <= 1).toBe(true);
    }
    expect(hyperparameterImportance(trials, 1)).toEqual(rows);
  });

  it('leaves out failed trials, parameters with one value, and conditional ones set by too few trials', () => {
    const rows = hyperparameterImportance([...trials.map((t) => ({ params: { ...t.params, fixed: 3 }, score: t.score })),
      { params: { optimizer: 'adam', lr: 0.5, 'smote.k': 3 }, score: null }, { params: { optimizer: 'adam', lr: 0.5, 'smote.k': 5 }, score: 0.9 }], 1);
    expect(rows.map((r) => r.parameter)).toEqual(['optimizer', 'lr']);
    expect(rows[0]!.trials).toBe(41);
  });
});

describe('the study\'s progress charts', () => {
  const trials = [
    { round: 2, index: 0, status: 'complete', score: 0.8, curve: [{ epoch: 1, score: 0.7 }, { epoch: 2, score: 0.8 }] },
    { round: 1, index: 1, status: 'failed', score: null, curve: [] },
    { round: 1, index: 0, status: 'complete', score: 0.6, curve: [{ epoch: 1, score: 0.6 }] },
    { round: 2, index: 1, status: 'pruned', score: 0.5, curve: [{ epoch: 1, score: 0.5 }] },
  ];

  it('tracks the best score so far in the order trials were planned, through failures', () => {
    expect(bestSoFar(inPlannedOrder(trials)).map((p) => [p.trial, p.round, p.score, p.best])).toEqual([[1, 1, 0.6, 0.6], [2, 1, null, 0.6], [3, 2, 0.8, 0.8], [4, 2, 0.5, 0.8]]);
  });

  it('counts complete trials only, so a pruned trial scored on fewer epochs never lifts the curve it would then fall from', () => {
    const early = [{ round: 1, index: 0, status: 'pruned', score: 0.9, curve: [] }, { round: 1, index: 1, status: 'complete', score: 0.6, curve: [] }];
    expect(bestSoFar(early).map((p) => p.best)).toEqual([null, 0.6]);
    expect(bestSoFar(early, 'minimize').map((p) => p.best)).toEqual([null, 0.6]);
  });

  it('draws every trial with a curve, coloured by round and dashed by whatever state it ended in', () => {
    const spec = trialCurvesChart(trials, 'validation accuracy') as { data: { values: { trial: string; state: string }[] }; encoding: Record<string, { field: string }> };
    expect(new Set(spec.data.values.map((v) => v.trial))).toEqual(new Set(['2.0', '1.0', '2.1']));
    expect(new Set(spec.data.values.map((v) => v.state))).toEqual(new Set(['complete', 'pruned']));
    expect([spec.encoding.color!.field, spec.encoding.strokeDash!.field]).toEqual(['round', 'state']);
  });
});
