import { describe, expect, it } from 'vitest';
import { fromRows } from '../../src/tensor/matrix.ts';
import { checkFiniteOutputs } from '../../src/metrics/evaluate.ts';
import { validationScore, type EpochEvent } from '../../src/study/objective.ts';
import type { Dataset } from '../../src/data/dataset.ts';

// The trainer checks a step's loss before the step, so the last step of a run can leave NaN
// weights behind unseen: a trial, a comparison run or a final model must not score them.
describe('a network blown up by its last step', () => {
  const epoch = (valLoss: number | null): EpochEvent =>
    ({ type: 'epoch', epoch: 1, loss: 1, trainAccuracy: 0.5, valLoss, valAccuracy: 0.75, steps: 1, seconds: 0 });
  const validation = {} as Dataset;

  it('fails its trial instead of scoring the accuracy of NaN outputs', () => {
    expect(() => validationScore(epoch(NaN), validation, 'accuracy')).toThrow('training diverged: the trained network outputs NaN after its last step');
    expect(() => validationScore(epoch(Infinity), validation, 'accuracy')).toThrow('training diverged');
    expect(validationScore(epoch(0.3), validation, 'accuracy')).toBe(0.75);
  });

  it('is refused where its probabilities are read', () => {
    expect(() => checkFiniteOutputs(fromRows([[0.5, 0.5], [NaN, NaN]]))).toThrow('training diverged');
    expect(() => checkFiniteOutputs(fromRows([[0.5, 0.5], [0.1, 0.9]]))).not.toThrow();
  });
});
