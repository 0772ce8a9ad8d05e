import fc from 'fast-check';
import { InputError } from '../../src/errors.ts';
import { describe, expect, it } from 'vitest';
import type { Direction } from '../../src/search/narrowing.ts';
import { samplerNamed, samplerNames } from '../../src/search/samplers/registry.ts';
import type { RoundInput, Sampler } from '../../src/search/samplers/sampler.ts';
import { trialSeed } from '../../src/search/sampling.ts';
import { contains, isActive, type Hyperparameter, type Params, type Space } from '../../src/search/space.ts';
import { endTrial, failTrial, type TrialRecord } from '../../src/search/trial.ts';

// One contract for every registered sampler (Optuna's sampler tests): a new entry in the
// registry runs through all of it with no other file edited.
const space: Space = {
  lr: { kind: 'loguniform', low: 1e-4, high: 1 },
  units: { kind: 'int', low: 8, high: 512, log: true },
  dropout: { kind: 'uniform', low: 0, high: 0.5 },
  opt: { kind: 'choice', values: ['sgd', 'adam', 'rmsprop', 'adagrad'] },
  strategy: { kind: 'choice', values: ['none', 'smote', 'focal'] },
  'smote.k': { kind: 'int', low: 1, high: 10, when: { strategy: ['smote'] } },
  'focal.gamma': { kind: 'uniform', low: 0, high: 4, when: { strategy: ['focal'] } },
};
const objective = (p: Params) => -((Math.log10(Number(p.lr)) + 2) ** 2) - (p.opt === 'adam' ? 0 : 0.5) - Number(p.dropout) + Number(p['smote.k'] ?? 0) / 20;

/** Plans and scores `rounds` rounds with the sampler, as the search would, failing any trial whose dropout is above 0.45. */
function study(sampler: Sampler, rounds: number, options: { seed?: number; count?: number; direction?: Direction; score?: (p: Params) => number } = {}) {
  const direction = options.direction ?? 'maximize';
  const score = options.score ?? objective;
  let history: TrialRecord[] = [];
  let ranges = space;
  const inputs: RoundInput[] = [];
  for (let round = 1; round <= rounds; round++) {
    const input: RoundInput = { space, ranges, round, count: options.count ?? 12, seed: options.seed ?? 3, direction, history };
    inputs.push(input);
    const plan = sampler.plan(input);
    ranges = plan.ranges;
    history = [...history, ...plan.trials.map((t) => (Number(t.params.dropout) > 0.45 ? failTrial(t, [], 'too much dropout', 0) : endTrial(t, [{ score: score(t.params) }], direction, 0)))];
  }
  return { history, ranges, inputs };
}

const within = (outer: Hyperparameter, inner: Hyperparameter) => (inner.kind === 'choice'
  ? outer.kind === 'choice' && inner.values.length > 0 && inner.values.every((v) => contains(outer, v))
  : inner.kind === outer.kind && inner.low >= outer.low && inner.high <= outer.high && inner.low <= inner.high);

describe.each(samplerNames)('sampler %s', (name) => {
  const sampler = () => samplerNamed(name);

  it('plans every trial of a round, numbered, with the seed of (study seed, round, index)', () => {
    const { inputs } = study(sampler(), 3);
    const plan = sampler().plan(inputs[2]!);
    expect(plan.trials.map((t) => [t.round, t.index, t.seed])).toEqual(Array.from({ length: 12 }, (_, i) => [3, i, trialSeed(3, 3, i)]));
  });

  it('gives the same plan for the same seed and history, and another for another seed', () => {
    const a = study(sampler(), 4);
    const b = study(sampler(), 4);
    expect(b.history.map((t) => t.params)).toEqual(a.history.map((t) => t.params));
    expect(b.ranges).toEqual(a.ranges);
    const c = study(sampler(), 4, { seed: 4 });
    expect(c.history.map((t) => t.params)).not.toEqual(a.history.map((t) => t.params));
  });

  it('keeps every sample inside the ranges it reports, and the ranges inside the space, whichever way scores are better', () => {
    for (const direction of ['maximize', 'minimize'] as const) {
      const { history, inputs } = study(sampler(), 5, { direction });
      for (const input of inputs) {
        const plan = sampler().plan(input);
        for (const [n, hp] of Object.entries(plan.ranges)) expect(within(space[n]!, hp), `${n}: ${JSON.stringify(hp)}`).toBe(true);
        for (const t of plan.trials) {
          for (const [n, v] of Object.entries(t.params)) expect(contains(plan.ranges[n]!, v), `${n}=${JSON.stringify(v)}`).toBe(true);
        }
      }
      expect(history).toHaveLength(60);
    }
  });

  it('sets a conditional hyperparameter exactly when its condition holds', () => {
    const { history } = study(sampler(), 4);
    for (const { params } of history) {
      for (const [n, hp] of Object.entries(space)) expect(Object.hasOwn(params, n), n).toBe(isActive(hp, params));
    }
    expect(new Set(history.map((t) => t.params.strategy)).size).toBeGreaterThan(1);
  });

  it('keeps a value that no trial tried', () => {
    // Every trial so far used sgd or adam: rmsprop and adagrad have no evidence against them.
    const only = (p: Params): Params => ({ ...p, opt: Number(p.units) % 2 ? 'sgd' : 'adam' });
    const { history } = study(sampler(), 2);
    const biased = history.map((t) => ({ ...t, params: only(t.params) }));
    const plan = sampler().plan({ space, ranges: space, round: 3, count: 12, seed: 3, direction: 'maximize', history: biased });
    for (const value of ['rmsprop', 'adagrad']) expect(contains(plan.ranges.opt!, value)).toBe(true);
  });

  it('records JSON options and leaves its input untouched', () => {
    const s = sampler();
    expect(s.name).toBe(name);
    expect(JSON.parse(JSON.stringify(s.options))).toEqual(s.options);
    const { inputs } = study(s, 3);
    const frozen = structuredClone(inputs[2]!);
    s.plan(inputs[2]!);
    expect(inputs[2]).toEqual(frozen);
  });

  it('copes with ranges of one point: a one-value choice, a one-point range', () => {
    const point: Space = { a: { kind: 'uniform', low: 0.5, high: 0.5 }, b: { kind: 'int', low: 3, high: 3, log: true }, c: { kind: 'choice', values: ['only'] }, x: space.dropout! };
    let history: TrialRecord[] = [];
    for (let round = 1; round <= 3; round++) {
      const plan = sampler().plan({ space: point, ranges: point, round, count: 8, seed: 1, direction: 'minimize', history });
      for (const t of plan.trials) expect(t.params).toMatchObject({ a: 0.5, b: 3, c: 'only' });
      history = [...history, ...plan.trials.map((t) => endTrial(t, [{ score: Number(t.params.x) }], 'minimize', 0))];
    }
  });

  it('stays inside the space for any scores, failures and seeds (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), fc.func(fc.double({ min: -10, max: 10, noNaN: true })), (seed, f) => {
      const { inputs } = study(sampler(), 3, { seed, count: 6, score: (p) => f(JSON.stringify(p)) });
      const plan = sampler().plan({ ...inputs[2]!, round: 4 });
      for (const t of plan.trials) for (const [n, v] of Object.entries(t.params)) expect(contains(space[n]!, v)).toBe(true);
    }), { seed: 5, numRuns: 15 });
  });
});

describe('the sampler registry', () => {
  it('refuses an unknown name with one line listing the samplers', () => {
    expect(() => samplerNamed('bayes')).toThrow(new InputError('--sampler: unknown sampler "bayes"; the samplers are narrowing, random, tpe'));
    expect(() => samplerNamed('bayes', 'search.json.sampler')).toThrow(/^search\.json\.sampler: unknown sampler "bayes"; the samplers are narrowing, random, tpe$/);
  });
});
