import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { narrow, narrowExplained } from '../../src/search/narrowing.ts';
import { contains, type Hyperparameter, type Space } from '../../src/search/space.ts';

const optimizers: Space = { opt: { kind: 'choice', values: ['sgd', 'adam', 'rmsprop', 'adagrad'] } };
const scoredOpt = (rows: [string, number][]) => rows.map(([opt, score]) => ({ params: { opt }, score }));

describe('narrowing weighs its evidence', () => {
  it('never drops a value no trial tried, nor one tried once', () => {
    const trials = scoredOpt([['sgd', 0.9], ['sgd', 0.8], ['adam', 0.1], ['adam', 0.2], ['adam', 0.3], ['rmsprop', 0.05]]);
    const { ranges, notes } = narrowExplained(optimizers, trials, { direction: 'maximize' });
    expect(ranges.opt).toEqual({ kind: 'choice', values: ['sgd', 'rmsprop', 'adagrad'] });
    expect(notes.opt!.values).toEqual([
      { value: 'sgd', trials: 2, best: 2, verdict: 'kept', why: 'among the best' },
      { value: 'adam', trials: 3, best: 0, verdict: 'dropped', why: 'none among the best' },
      { value: 'rmsprop', trials: 1, best: 0, verdict: 'kept', why: 'too few trials' },
      { value: 'adagrad', trials: 0, best: 0, verdict: 'kept', why: 'untried' },
    ]);
    expect(notes.opt).toMatchObject({ trials: 6, best: 2, verdict: 'narrowed' });
  });

  it('takes the evidence a drop needs as an option', () => {
    const trials = scoredOpt([['sgd', 0.9], ['sgd', 0.8], ['adam', 0.1], ['adam', 0.2]]);
    expect(narrow(optimizers, trials, { direction: 'maximize', minTried: 3 }).opt).toEqual(optimizers.opt);
  });

  it('moves a range outward when its best trials sit at its edge, never beyond the original space', () => {
    const original: Space = { x: { kind: 'uniform', low: 0, high: 10 } };
    const current: Space = { x: { kind: 'uniform', low: 2, high: 6 } };
    const trials = [[5.9, 1], [5.8, 0.9], [2.5, 0], [3, 0], [4, 0], [3.5, 0], [2.2, 0], [4.4, 0]].map(([x, score]) => ({ params: { x: x! }, score: score! }));
    const { ranges, notes } = narrowExplained(current, trials, { direction: 'maximize', original });
    expect(ranges.x).toEqual({ kind: 'uniform', low: 5.8 - 0.4, high: 5.9 + 0.4 });
    expect(notes.x).toMatchObject({ verdict: 'moved', trials: 8, best: 2 });
    expect(notes.x!.why).toContain('high edge');
    // Without the original space (the library's old contract) the range stays inside the current one.
    expect(narrow(current, trials, { direction: 'maximize' }).x).toEqual({ kind: 'uniform', low: 5.8 - 0.4, high: 6 });
    // At the original space's own edge there is nowhere to move.
    const atEdge = narrow(original, [[9.9, 1], [9.8, 1], [1, 0], [2, 0]].map(([x, score]) => ({ params: { x: x! }, score: score! })), { direction: 'maximize', original });
    expect((atEdge.x as { high: number }).high).toBe(10);
  });

  it('keeps a range that one trial (or only trials that all count as best) set: nothing to compare', () => {
    const space: Space = { k: { kind: 'int', low: 1, high: 10 } };
    const { ranges, notes } = narrowExplained(space, [{ params: { k: 3 }, score: 1 }], { direction: 'maximize' });
    expect(ranges.k).toEqual(space.k);
    expect(notes.k).toMatchObject({ verdict: 'kept', trials: 1, best: 1 });
    expect(narrow(space, [{ params: { k: 3 }, score: 1 }, { params: { k: 4 }, score: 0 }], { direction: 'maximize' }).k).toEqual(space.k);
  });
});

// A space of every kind, and any set of scored trials inside it (conditional `k` included).
const space: Space = {
  a: { kind: 'uniform', low: -2, high: 3 },
  b: { kind: 'loguniform', low: 1e-5, high: 1 },
  c: { kind: 'int', low: 1, high: 50, log: true },
  d: { kind: 'choice', values: ['p', 'q', 'r'] },
  k: { kind: 'int', low: 0, high: 9, when: { d: ['q'] } },
};
const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const trial = fc.record({ u: fc.tuple(unit, unit, unit, unit, unit), score: fc.double({ min: -5, max: 5, noNaN: true }) }).map(({ u, score }) => {
  const d = (['p', 'q', 'r'] as const)[Math.floor(u[3] * 3)]!;
  return {
    score,
    params: {
      a: -2 + 5 * u[0], b: 1e-5 * 1e5 ** u[1], c: 1 + Math.floor(49.999 * u[2]), d,
      ...(d === 'q' && { k: Math.floor(10 * u[4]) }),
    },
  };
});
const inside = (outer: Hyperparameter, inner: Hyperparameter) => (outer.kind === 'choice' && inner.kind === 'choice'
  ? inner.values.every((v) => contains(outer, v))
  : outer.kind !== 'choice' && inner.kind === outer.kind && inner.low >= outer.low && inner.high <= outer.high && inner.low <= inner.high);

describe('narrowing, for any trials (property)', () => {
  it('never leaves the original space, over several rounds, and never drops an untried value', () => {
    fc.assert(fc.property(fc.array(fc.array(trial, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.boolean(), (rounds, minimize) => {
      let ranges = space;
      const seen: typeof rounds[number] = [];
      for (const round of rounds) {
        seen.push(...round);
        const next = narrowExplained(ranges, seen, { direction: minimize ? 'minimize' : 'maximize', original: space });
        for (const [name, hp] of Object.entries(next.ranges)) expect(inside(space[name]!, hp), name).toBe(true);
        const used = new Set<string>(seen.map((t) => t.params.d));
        for (const v of ['p', 'q', 'r']) if (!used.has(v) && contains(ranges.d!, v)) expect(contains(next.ranges.d!, v)).toBe(true);
        ranges = next.ranges;
      }
    }), { seed: 11, numRuns: 200 });
  });
});
