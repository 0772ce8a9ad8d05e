import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { contains, narrow, planRound, type Space } from '../../src/internal.ts';
import { parseTrialSpace } from '../../src/study/trial-space.ts';
import { resolveStrategy } from '../../strategies/registry.ts';
import { splitStrategy, strategyParameterNames } from '../../strategies/search-space.ts';
import { gaussians, quickConfig, recordingTrainer } from './fixtures.ts';

const where = 'search.json: params';
const json = {
  strategy: { kind: 'choice', values: ['none', 'bootstrap', 'smote', 'focal', 'class-weight', 'smote+focal'] },
  'smote.k': { kind: 'int', low: 1, high: 8 },
  'focal.gamma': { kind: 'uniform', low: 0, high: 4 },
  'focal.alpha': { kind: 'choice', values: ['none', 'inverse'] },
  'bootstrap.ratio': { kind: 'uniform', low: 0.2, high: 1 },
  lr: { kind: 'loguniform', low: 1e-4, high: 0.1 },
};

describe('a search space with the data strategy as a dimension', () => {
  const space = parseTrialSpace(json, where);
  const plan = planRound(space, { seed: 3, round: 1, count: 120, tried: [] });

  it('gives each strategy option the condition that its strategy is chosen', () => {
    expect(space['smote.k']!.when).toEqual({ strategy: ['smote', 'smote+focal'] });
    expect(space['focal.gamma']!.when).toEqual({ strategy: ['focal', 'smote+focal'] });
    expect(space['bootstrap.ratio']!.when).toEqual({ strategy: ['bootstrap'] });
    expect(parseTrialSpace(JSON.parse(JSON.stringify(space)), where)).toEqual(space);
  });

  it('samples inside itself, each trial carrying exactly the options its strategy uses', () => {
    for (const { params } of plan) {
      for (const [name, value] of Object.entries(params)) expect(contains(space[name]!, value)).toBe(true);
      const parts = String(params.strategy).split('+');
      expect(Object.hasOwn(params, 'smote.k')).toBe(parts.includes('smote'));
      expect(Object.hasOwn(params, 'focal.gamma')).toBe(parts.includes('focal'));
      expect(Object.hasOwn(params, 'bootstrap.ratio')).toBe(parts.includes('bootstrap'));
    }
  });

  it('turns every sample into a spec the registry resolves and a trainer accepts', async () => {
    const data = gaussians([30, 8, 12], 2, 'space');
    for (const { params } of plan.slice(0, 24)) {
      const { spec, rest } = splitStrategy(params);
      expect(Object.keys(rest)).toEqual(['lr']);
      const recorder = recordingTrainer();
      await lastValueFrom(resolveStrategy(spec)(recorder.train)({ train: data }, { ...quickConfig, seed: 1 }));
      expect(recorder.calls.length).toBeGreaterThan(0);
    }
    expect(splitStrategy({ strategy: 'smote+focal', 'smote.k': 3, 'focal.gamma': 1.5, 'focal.alpha': 'none', lr: 0.01 }))
      .toEqual({ spec: 'smote:k=3+focal:gamma=1.5,alpha=none', rest: { lr: 0.01 } });
    expect(splitStrategy({ lr: 0.01 })).toEqual({ spec: 'none', rest: { lr: 0.01 } });
  });

  it('narrows inside itself around the best trials', () => {
    // Trials of smote and none, scored to favour smote with a small k: none is dropped and k narrows; the strategies no trial tried stay.
    const trials = plan.filter(({ params }) => params.strategy === 'smote' || params.strategy === 'none')
      .map(({ params }) => ({ params, score: params.strategy === 'smote' ? 10 - Number(params['smote.k']) : 0 }));
    const next: Space = narrow(space, trials, { direction: 'maximize' });
    expect(next.strategy).toEqual({ kind: 'choice', values: ['bootstrap', 'smote', 'focal', 'class-weight', 'smote+focal'] });
    expect(next['smote.k']).toMatchObject({ kind: 'int', low: 1, when: { strategy: ['smote', 'smote+focal'] } });
    expect(next['smote.k']!.kind === 'int' && next['smote.k']!.high).toBeLessThan(8);
    for (const { params } of planRound(next, { seed: 3, round: 2, count: 40, tried: [] })) {
      for (const [name, value] of Object.entries(params)) expect(contains(space[name]!, value)).toBe(true);
    }
  });
});

describe('strategy settings in a space file', () => {
  const strategy = { kind: 'choice', values: ['none', 'smote', 'focal'] };
  it.each([
    [{ 'smote.k': { kind: 'int', low: 1, high: 3 } }, 'search.json: params.smote.k: a strategy option needs "strategy", a choice of strategies, in the space'],
    [{ strategy: { kind: 'choice', values: ['none', 'smoot'] } }, 'search.json: params.strategy.values[1]: unknown strategy "smoot"; expected one of'],
    [{ strategy: { kind: 'choice', values: ['none', 3] } }, 'search.json: params.strategy.values[1]: a strategy is a spec such as "smote:k=3+focal", but got 3'],
    [{ strategy, 'smote.k': { kind: 'uniform', low: 1, high: 3 } }, 'search.json: params.smote.k.kind: smote.k takes kind int or choice, but got "uniform"'],
    [{ strategy, 'smote.k': { kind: 'int', low: 0, high: 3 } }, 'search.json: params.smote.k.low: smote: k must be an integer >= 1, got 0'],
    [{ strategy, 'focal.gamma': { kind: 'uniform', low: -1, high: 3 } }, 'search.json: params.focal.gamma.low: focal: gamma must be a number >= 0, got -1'],
    [{ strategy, 'focal.alpha': { kind: 'uniform', low: 0.1, high: 1 } }, 'search.json: params.focal.alpha.kind: focal.alpha takes kind choice, but got "uniform"'],
    [{ strategy, 'bootstrap.ratio': { kind: 'uniform', low: 0.5, high: 1 } }, 'search.json: params.bootstrap.ratio: no value of strategy uses bootstrap, so bootstrap.ratio would never apply'],
    [{ strategy: { kind: 'choice', values: ['smote:k=3'] }, 'smote.k': { kind: 'int', low: 1, high: 3 } }, 'search.json: params.smote.k: the strategy "smote:k=3" sets k itself; search smote.k or fix it in the spec, not both'],
    [{ strategy, 'smote.k': { kind: 'int', low: 1, high: 3, when: { strategy: ['none', 'smote'] } } }, 'search.json: params.smote.k.when: smote.k applies exactly when the strategy uses smote, {"strategy":["smote"]}'],
    [{ 'smote.m': { kind: 'int', low: 1, high: 3 } }, `search.json: params.smote.m: unknown hyperparameter "smote.m"; expected one of lr, l1, l2, dropout, hidden, batchSize, optimizer, init, activation, batchnorm, ${strategyParameterNames.join(', ')}`],
  ])('rejects %j with a line naming the field and the rule', (space, message) => {
    expect(() => parseTrialSpace(space, where)).toThrow(message);
  });
});
