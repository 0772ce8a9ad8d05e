import { filter, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { evaluate, type ScoredTrial } from '../../src/internal.ts';
import { joinRows } from '../../src/data/join-rows.ts';
import { defaultTrainConfig, train, type TrainEvent } from '../../src/nn/trainer.ts';
import { trainConfigOf } from '../../src/search/mlp-space.ts';
import { finalTest, taskData } from '../../src/study/index.ts';
import { foldEpochs } from '../../src/study/fold-epochs.ts';
import { objectiveFor } from '../../src/study/task.ts';
import { steps } from '../../src/search/objective.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { seededRows } from '../model/fixtures.ts';

// A cross-validated trial: its scores are the folds' means epoch by epoch, best at the third (the refit is told 3 epochs).
const trial: ScoredTrial = {
  round: 1, index: 0, seed: 11, status: 'complete', score: 0.9, last: 0.8, seconds: 1,
  params: { lr: 0.01, hidden: [8], optimizer: 'adam' },
  history: [{ epoch: 1, score: 0.7 }, { epoch: 2, score: 0.8 }, { epoch: 3, score: 0.9 }, { epoch: 4, score: 0.85 }],
};

describe('the refit (search on a small table)', () => {
  const csv = writeText(tempDir(), 'data.csv', seededRows(240, 3, 2, 4));
  const data = taskData({ dataset: `csv:${csv}`, label: 'label', seed: 3, epochs: 3, metric: 'accuracy', cv: 3, refit: true });

  it('cross-validates the trials over the training and validation rows together', () => {
    expect(data.trial.train.y.length).toBe(data.splits.train.y.length + data.splits.validation.y.length);
  });

  it('trains the final model on every training row for the folds\' best epoch count, as one training on those rows does', async () => {
    const final = await finalTest(trial, data, 40, 'accuracy', { refit: 3 });
    const rows = data.splits.train.y.length + data.splits.validation.y.length;
    expect(final.refit).toEqual({ rows, epochs: 3 });
    expect(final.epochs).toBe(3);
    const config = { ...trainConfigOf({ lr: 0.01, hidden: [8], optimizer: 'adam' }, defaultTrainConfig), epochs: 3, seed: 11 };
    const all = { train: joinRows(data.splits.train, data.splits.validation), validation: data.splits.validation };
    const last = await lastValueFrom(train(all, config).pipe(filter((e): e is Extract<TrainEvent, { type: 'epoch' }> => e.type === 'epoch')));
    expect(final.test.accuracy).toBe(evaluate(last.model!, data.splits.test).accuracy);
    expect(final.test.macroF1).toBe(evaluate(last.model!, data.splits.test).macroF1);
  });

  it('without refit, trains on the training split alone and stops early on validation', async () => {
    const final = await finalTest(trial, data, 40, 'accuracy');
    expect(final.refit).toBeUndefined();
    expect(final.epochs).toBeGreaterThan(3);
  });
});

describe('the folds\' epoch count of a refit', () => {
  const csv = writeText(tempDir(), 'data.csv', seededRows(240, 3, 2, 4));
  const task = { dataset: `csv:${csv}`, label: 'label', seed: 3, epochs: 3, metric: 'accuracy' as const, cv: 3, refit: true };

  it('is the trial\'s own best epoch when its scores had settled (5 epochs past the best)', async () => {
    const settled = { ...trial, history: [0.5, 0.9, 0.8, 0.8, 0.7, 0.8, 0.85].map((score, i) => ({ epoch: i + 1, score })) };
    expect(await foldEpochs(task, settled, 30)).toBe(2);
  });

  it('comes from training the folds again when the trial stopped while still improving', async () => {
    const epochs = await foldEpochs(task, trial, 12);
    // Recomputed from the folds themselves: their mean curve's best epoch.
    const objective = await objectiveFor({ ...task, epochs: 12, patience: 5 });
    const curve = await lastValueFrom(steps(objective(trial.params, { seed: trial.seed })).pipe(toArray()));
    const scores = curve.map((s) => s.score);
    expect(epochs).toBe(scores.indexOf(Math.max(...scores)) + 1);
    expect(curve.length).toBeLessThanOrEqual(12);
  });
});
