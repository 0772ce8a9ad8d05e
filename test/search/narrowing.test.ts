import { describe, expect, it } from 'vitest';
import { narrow } from '../../src/search/narrowing.ts';
import type { Space } from '../../src/search/space.ts';

const scored = (values: [number, number][]) => values.map(([x, score]) => ({ params: { x }, score }));

describe('narrow', () => {
  it('shrinks a uniform range to the best quarter of the trials, plus a tenth of the width each side', () => {
    const space: Space = { x: { kind: 'uniform', low: 0, high: 10 } };
    const trials = scored([[1, 0.1], [2, 0.9], [3, 0.8], [9, 0.2], [5, 0.3], [6, 0.4], [7, 0.5], [8, 0.1]]);
    expect(narrow(space, trials, { direction: 'maximize' }).x).toEqual({ kind: 'uniform', low: 1, high: 4 });
  });

  it('ranks by the lowest score when minimising', () => {
    const space: Space = { x: { kind: 'uniform', low: 0, high: 10 } };
    const trials = scored([[1, 0.1], [2, 0.9], [3, 0.8], [9, 0.05]]);
    expect(narrow(space, trials, { direction: 'minimize', margin: 0 }).x).toEqual({ kind: 'uniform', low: 1, high: 9 });
  });

  it('works in the log scale for loguniform, and never leaves the range it was given', () => {
    const space: Space = { x: { kind: 'loguniform', low: 1e-6, high: 1e-1 } };
    const trials = scored([[1e-3, 1], [1e-2, 1], [1e-5, 0]]);
    const x = narrow(space, trials, { direction: 'maximize' }).x as { low: number; high: number };
    // Span 1e-3..1e-2 widened by 0.1 × 5 decades each side.
    expect(x.low).toBeCloseTo(10 ** -3.5, 12);
    expect(x.high).toBeCloseTo(10 ** -1.5, 12);
    const edge = narrow(space, scored([[1e-1, 1], [5e-2, 1]]), { direction: 'maximize' }).x as { high: number };
    expect(edge.high).toBe(1e-1);
  });

  it('rounds an int range outwards', () => {
    const space: Space = { x: { kind: 'int', low: 0, high: 100 } };
    const x = narrow(space, scored([[40, 1], [45, 1], [90, 0]]), { direction: 'maximize', margin: 0.013 }).x;
    expect(x).toEqual({ kind: 'int', low: 38, high: 47 });
  });

  it('drops only the choices tried at least twice with none among the best, keeping the order', () => {
    const space: Space = { opt: { kind: 'choice', values: ['sgd', 'adam', 'rmsprop', 'momentum'] } };
    const trials = [['momentum', 0.9], ['sgd', 0.8], ['adam', 0.1], ['rmsprop', 0.2], ['adam', 0.15], ['momentum', 0.3]]
      .map(([opt, score]) => ({ params: { opt: opt! }, score: Number(score) }));
    // adam: 2 trials, neither among the best 2 → dropped; rmsprop: 1 trial → too few to judge.
    expect(narrow(space, trials, { direction: 'maximize' }).opt).toEqual({ kind: 'choice', values: ['sgd', 'rmsprop', 'momentum'] });
  });

  it('breaks ties by the order the trials were given, and leaves a space without trials as it is', () => {
    const space: Space = { x: { kind: 'uniform', low: 0, high: 10 } };
    const tied = scored([[1, 0.5], [2, 0.5], [9, 0.5]]);
    expect(narrow(space, tied, { direction: 'maximize', margin: 0 }).x).toEqual({ kind: 'uniform', low: 1, high: 2 });
    expect(narrow(space, [], { direction: 'maximize' })).toBe(space);
  });
});
