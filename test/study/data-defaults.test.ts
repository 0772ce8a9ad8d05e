import { describe, expect, it } from 'vitest';
import { classRatio, fitDefaultsToData, smallTableFolds, smallTableRows, type OpenDefaults } from '../../src/study/data-defaults.ts';
import { defaultMlpSpace } from '../../src/search/mlp-space.ts';
import { resolveSettings } from '../../src/study/settings.ts';

const open: OpenDefaults = { space: true, metric: true, cv: true, epochs: true };
const settings = resolveSettings({ dataset: 'csv:data.csv' }, {});
const facts = (trainCounts: number[], rows: number, testFile = false) => ({ trainCounts, rows, testFile });

describe('classRatio', () => {
  it('is the largest class count over the smallest', () => {
    expect(classRatio([70, 10, 20])).toBe(7);
    expect(classRatio([5, 5])).toBe(1);
    expect(classRatio([5, 0])).toBe(Infinity);
  });
});

describe('the defaults a skewed training split chooses', () => {
  it('at 3:1 or more, scores by macro-F1 and adds the strategies, each option conditioned on its strategy', () => {
    const { settings: s, decision } = fitDefaultsToData(settings, facts([30, 10], 50_000), open);
    expect(decision).toMatchObject({ classRatio: 3, skewed: true, space: 'default with strategies', metric: { name: 'macroF1' } });
    expect(s.metric).toBe('macroF1');
    expect(s.space.strategy).toMatchObject({ kind: 'choice', values: ['none', 'class-weight', 'focal', 'smote', 'borderline-smote', 'adasyn', 'random-under', 'bootstrap'] });
    expect(s.space['smote.k']!.when).toEqual({ strategy: ['smote'] });
    expect(s.space.lr).toEqual(defaultMlpSpace.lr);
  });

  it('below 3:1, keeps accuracy and the space without strategies', () => {
    const { settings: s, decision } = fitDefaultsToData(settings, facts([29, 10], 50_000), open);
    expect(decision.skewed).toBe(false);
    expect(s.metric).toBe('accuracy');
    expect(s.space).toEqual(defaultMlpSpace);
  });

  it('keeps a given metric and a given space', () => {
    const given = { ...settings, metric: 'gmean' as const, space: { lr: defaultMlpSpace.lr! } };
    const { settings: s, decision } = fitDefaultsToData(given, facts([90, 10], 50_000), { ...open, space: false, metric: false });
    expect(s.metric).toBe('gmean');
    expect(s.space).toEqual({ lr: defaultMlpSpace.lr });
    expect(decision).toMatchObject({ skewed: true, space: 'given', metric: { why: '--metric was given' } });
  });
});

describe('when the search keeps every training row (CV, then refit)', () => {
  it(`refits a table of at most ${smallTableRows} training rows, with ${smallTableFolds} folds and rungs up to 27 epochs`, () => {
    const { settings: s, decision } = fitDefaultsToData(settings, facts([100, 100], smallTableRows), open);
    expect(decision.validation.way).toBe('refit');
    expect(s).toMatchObject({ refit: true, cv: smallTableFolds, epochs: 27, minEpochs: 3 });
  });

  it('scores on the validation split above the threshold', () => {
    const { settings: s, decision } = fitDefaultsToData(settings, facts([100, 100], smallTableRows + 1), open);
    expect(decision.validation.way).toBe('split');
    expect(s.refit).toBeUndefined();
    expect(s.cv).toBeUndefined();
  });

  it('refits a table of any size when a test file was given', () => {
    const { decision } = fitDefaultsToData(settings, facts([100, 100], 200_000, true), open);
    expect(decision.validation).toEqual({ way: 'refit', why: 'a test file was given' });
  });

  it('leaves a given --cv to score on its folds of the training split, and refit: false to the validation split', () => {
    expect(fitDefaultsToData({ ...settings, cv: 3 }, facts([10, 10], 100), { ...open, cv: false }).decision.validation.way).toBe('split');
    expect(fitDefaultsToData({ ...settings, refit: false }, facts([10, 10], 100, true), { ...open, cv: false }).decision.validation.way).toBe('split');
  });
});
