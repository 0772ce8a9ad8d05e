import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import type { RungScore } from '../../src/search/pruner.ts';
import { geometricRungs } from '../../src/search/pruners/halving.ts';
import { createPruner, pruners } from '../../src/search/pruners/registry.ts';
import { createRng } from '../../src/tensor/rng.ts';

const options = { minEpochs: 1, maxEpochs: 9, reduction: 3 };
const field = (scores: number[], round = 1): RungScore[] => scores.map((score, index) => ({ round, index, score }));

/** Which of a cohort a pruner stops at its first rung, each judged against the rest. */
function prunedOf(name: string, cohort: RungScore[], direction: 'maximize' | 'minimize' = 'maximize', earlier: RungScore[] = []): number[] {
  const pruner = createPruner(name, options);
  return cohort.filter((trial) => pruner.prune(trial, { cohort: cohort.filter((t) => t !== trial), earlier, direction })).map((t) => t.index);
}

// Every registered pruner runs through these checks; a new entry needs no other edit.
describe.each(Object.keys(pruners))('pruner contract: %s', (name) => {
  const scores = Array.from({ length: 12 }, createRng(`contract ${name}`).uniform);

  it('has ascending rungs within [minEpochs, maxEpochs], ending at maxEpochs', () => {
    const { rungs } = createPruner(name, options);
    expect(rungs.at(-1)).toBe(options.maxEpochs);
    expect(rungs[0]).toBeGreaterThanOrEqual(options.minEpochs);
    rungs.slice(1).forEach((epochs, i) => expect(epochs).toBeGreaterThan(rungs[i]!));
  });

  it('never stops a trial that has nothing to be compared with, nor the best of its field', () => {
    const pruner = createPruner(name, options);
    expect(pruner.prune({ round: 1, index: 0, score: 0.1 }, { cohort: [], earlier: [], direction: 'maximize' })).toBe(false);
    const cohort = field(scores);
    const best = cohort.reduce((a, b) => (b.score > a.score ? b : a));
    expect(prunedOf(name, cohort)).not.toContain(best.index);
  });

  it('decides from scores alone: the order the others come in changes nothing', () => {
    const cohort = field(scores);
    const pruner = createPruner(name, options);
    const shuffled = (trial: RungScore) => createRng(trial.index).shuffle(cohort.filter((t) => t !== trial));
    const again = cohort.filter((trial) => pruner.prune(trial, { cohort: shuffled(trial), earlier: [], direction: 'maximize' })).map((t) => t.index);
    expect(again).toEqual(prunedOf(name, cohort));
  });

  it('mirrors when minimising: negated scores stop the same trials', () => {
    const cohort = field(scores);
    expect(prunedOf(name, cohort.map((t) => ({ ...t, score: -t.score })), 'minimize')).toEqual(prunedOf(name, cohort));
  });

  it('never stops a trial that scores at least as well as one it keeps', () => {
    const cohort = field(scores);
    const pruned = new Set(prunedOf(name, cohort));
    const kept = cohort.filter((t) => !pruned.has(t.index));
    for (const trial of cohort.filter((t) => pruned.has(t.index))) {
      expect(kept.every((k) => k.score >= trial.score)).toBe(true);
    }
  });

  it('refuses bad options with an input error naming the option', () => {
    expect(() => createPruner(name, { ...options, minEpochs: 10 })).toThrow(/--min-epochs <= --epochs must hold, but got \(min-epochs=10, epochs=9\)/);
    expect(() => createPruner(name, { ...options, reduction: 1.5 })).toThrow(/--reduction must be >= 2, but got 1.5/);
    expect(() => createPruner(name, { ...options, minEpochs: 0 })).toThrow(InputError);
  });
});

describe('successive halving', () => {
  it('places its rungs at minEpochs·η^k, ending at maxEpochs', () => {
    expect(geometricRungs(options)).toEqual([1, 3, 9]);
    expect(geometricRungs({ minEpochs: 2, maxEpochs: 20, reduction: 3 })).toEqual([2, 6, 18, 20]);
    expect(geometricRungs({ minEpochs: 4, maxEpochs: 4, reduction: 3 })).toEqual([4]);
  });

  it('keeps the best ⌊n/η⌋ of the round, ties to the earlier trial', () => {
    expect(prunedOf('halving', field([0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2]))).toEqual([0, 2, 3, 4, 6]);
    expect(prunedOf('halving', field([0.5, 0.5, 0.5]))).toEqual([1, 2]);
    expect(prunedOf('halving', field([0.2, 0.1]))).toEqual([1]);
  });

  it('judges a trial against its own round, not earlier ones', () => {
    expect(prunedOf('halving', field([0.5, 0.6], 2), 'maximize', field([0.9, 0.9, 0.9]))).toEqual([0]);
  });

  it('needs a rung before the last: --epochs 1 is refused', () => {
    expect(() => createPruner('halving', { minEpochs: 1, maxEpochs: 1, reduction: 3 })).toThrow('--pruner halving needs --epochs >= 2 (a rung before the last), but got 1');
  });
});

describe('median pruner', () => {
  it('judges every epoch from minEpochs, and stops a trial below the median of the others there, earlier rounds included', () => {
    expect(createPruner('median', { minEpochs: 2, maxEpochs: 5, reduction: 3 }).rungs).toEqual([2, 3, 4, 5]);
    expect(prunedOf('median', field([0.5, 0.9, 0.1, 0.7]))).toEqual([0, 2]);
    expect(prunedOf('median', field([0.5], 2), 'maximize', field([0.9, 0.8, 0.1]))).toEqual([0]);
  });
});

describe('the pruner registry', () => {
  it('names the known pruners when given an unknown one', () => {
    expect(() => createPruner('hyperband', options)).toThrow('--pruner: unknown pruner "hyperband"; expected one of halving, median, none');
  });
});
