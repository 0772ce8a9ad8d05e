import { describe, expect, it } from 'vitest';
import { narrowExplained } from '../../src/search/narrowing.ts';
import { explanationOf, explanationSection, samplerText } from '../../src/report/study-narrowing.ts';
import { narrowingSampler } from '../../src/search/samplers/narrowing.ts';
import { tpeSampler } from '../../src/search/samplers/tpe.ts';
import type { Space } from '../../src/search/space.ts';

const space: Space = { x: { kind: 'uniform', low: 0, high: 10 }, opt: { kind: 'choice', values: ['sgd', 'adam', 'adagrad'] } };
const trials = [[9.5, 'sgd', 1], [9.8, 'sgd', 0.9], [2, 'adam', 0.1], [3, 'adam', 0.2], [4, 'sgd', 0.3], [5, 'adam', 0]]
  .map(([x, opt, score]) => ({ params: { x: x!, opt: opt! }, score: Number(score) }));

describe('the study report on narrowing', () => {
  it('says, per hyperparameter and value, what the trials decided and on how many of them', () => {
    const current: Space = { ...space, x: { kind: 'uniform', low: 2, high: 9.8 } };
    const { notes } = narrowExplained(current, trials, { direction: 'maximize', original: space });
    const text = explanationSection(space, [{ round: 1, explanation: null }, { round: 2, explanation: notes }]).join('\n');
    expect(text).toContain('| x ');
    expect(text).toMatch(/\| x +\| moved outward: best 2 of 6, at its high edge +\|/);
    expect(text).toMatch(/\| opt = sgd +\| kept: 2 of 3 trials among the best +\|/);
    expect(text).toMatch(/\| opt = adam +\| dropped: 0 of 3 trials among the best +\|/);
    expect(text).toMatch(/\| opt = adagrad +\| kept: untried +\|/);
    expect(explanationSection(space, [{ round: 1, explanation: null }])).toEqual([]);
  });

  it('states the rule from the sampler and options study.json records', () => {
    const narrowing = narrowingSampler();
    expect(samplerText({ name: narrowing.name, options: narrowing.options })).toContain('the best 50% of them (at least 2)');
    expect(samplerText({ name: narrowing.name, options: narrowing.options })).toContain('by TPE');
    const tpe = tpeSampler();
    expect(samplerText({ name: tpe.name, options: tpe.options })).toMatch(/^Sampler: tpe \(startup 10, candidates 24, gamma 0\.100, priorWeight 1, /);
  });
});

describe('an explanation read back from study.json', () => {
  it('is the narrowing notes, or null for a round without them or of another shape', () => {
    const { notes } = narrowExplained(space, trials, { direction: 'maximize' });
    const json = JSON.parse(JSON.stringify(notes));
    expect(explanationOf(json)).toEqual(json);
    expect(explanationOf(undefined)).toBeNull();
    expect(explanationOf({ x: { verdict: 'pondered' } })).toBeNull();
  });
});
