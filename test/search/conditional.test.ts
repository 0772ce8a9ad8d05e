import { describe, expect, it } from 'vitest';
import { narrow, narrowingBasis } from '../../src/search/narrowing.ts';
import { planRound } from '../../src/search/sampling.ts';
import { parseSpace } from '../../src/search/space-json.ts';
import { contains, isActive, type Space } from '../../src/search/space.ts';

// A space whose `k` applies only to two of the three kinds of trial.
const space: Space = {
  kind: { kind: 'choice', values: ['plain', 'near', 'nearer'] },
  k: { kind: 'int', low: 1, high: 20, when: { kind: ['near', 'nearer'] } },
  rate: { kind: 'loguniform', low: 1e-4, high: 1 },
};

describe('conditional hyperparameters', () => {
  const plan = planRound(space, { seed: 4, round: 1, count: 60, tried: [] });

  it('are left out of the samples they do not apply to, and lie inside their range in the others', () => {
    for (const { params } of plan) {
      expect(Object.hasOwn(params, 'k')).toBe(params.kind !== 'plain');
      for (const [name, value] of Object.entries(params)) expect(contains(space[name]!, value), `${name}=${JSON.stringify(value)}`).toBe(true);
    }
    expect(new Set(plan.map((t) => t.params.kind))).toEqual(new Set(['plain', 'near', 'nearer']));
  });

  it('do not shift the draws of the other hyperparameters', () => {
    const plain = planRound({ kind: space.kind!, k: { kind: 'int', low: 1, high: 20 }, rate: space.rate! }, { seed: 4, round: 1, count: 60, tried: [] });
    expect(plan.map((t) => t.params.rate)).toEqual(plain.map((t) => t.params.rate));
  });

  it('narrow among the trials they applied to, and keep their condition', () => {
    // The best trials overall are plain ones; among those with k, the best have k near 15.
    const trials = plan.map(({ params }) => ({
      params,
      score: params.kind === 'plain' ? 10 : -Math.abs(Number(params.k) - 15),
    }));
    const basis = narrowingBasis(space, trials, { direction: 'maximize' });
    const withK = trials.filter((t) => isActive(space.k!, t.params)).length;
    expect(basis.k!.among).toBe(withK);
    expect(basis.k!.best).toHaveLength(Math.ceil(withK / 4));
    const k = narrow(space, trials, { direction: 'maximize' }).k!;
    expect(k).toMatchObject({ kind: 'int', when: { kind: ['near', 'nearer'] } });
    expect(k.kind === 'int' && k.low >= 11 && k.high <= 19).toBe(true);
  });

  it('keep their range when no trial set them', () => {
    const trials = [{ params: { kind: 'plain', rate: 0.1 }, score: 1 }, { params: { kind: 'plain', rate: 0.2 }, score: 0 }];
    expect(narrow(space, trials, { direction: 'maximize' }).k).toEqual(space.k);
  });
});

describe('a condition in a space file', () => {
  const where = 'search.json: params';
  it.each([
    [{ k: { kind: 'int', low: 1, high: 3, when: { kind: ['near'] } } }, 'search.json: params.k.when.kind: a condition must name a choice of the space that has no condition itself, but "kind" is not in the space'],
    [{ x: { kind: 'uniform', low: 0, high: 1 }, k: { kind: 'int', low: 1, high: 3, when: { x: [0.5] } } }, 'search.json: params.k.when.x: a condition must name a choice of the space that has no condition itself, but "x" is a uniform range'],
    [{ a: { kind: 'choice', values: [1, 2] }, b: { kind: 'choice', values: [3], when: { a: [1] } }, c: { kind: 'choice', values: [4], when: { b: [3] } } },
      'search.json: params.c.when.b: a condition must name a choice of the space that has no condition itself, but "b" is conditional'],
    [{ a: { kind: 'choice', values: ['x', 'y'] }, k: { kind: 'int', low: 1, high: 3, when: { a: ['x', 'z'] } } }, 'search.json: params.k.when.a[1]: "z" is not one of a\'s values ["x","y"]'],
    [{ a: { kind: 'choice', values: ['x'] }, k: { kind: 'int', low: 1, high: 3, when: { a: [] } } }, 'search.json: params.k.when.a: a condition needs at least one value, but got []'],
  ])('rejects %j with a line naming the field', (json, message) => {
    expect(() => parseSpace(json, where)).toThrow(message);
  });

  it('reads back what it was given', () => {
    expect(parseSpace(JSON.parse(JSON.stringify(space)), where)).toEqual(space);
  });
});
