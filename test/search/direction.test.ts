import { describe, expect, it } from 'vitest';
import { bestScore, better, compareScores, worstScore } from '../../src/search/direction.ts';

describe('score direction', () => {
  it('says which of two scores is better, a tie being neither, NaN never', () => {
    expect([better('maximize', 0.9, 0.5), better('maximize', 0.5, 0.9), better('maximize', 0.5, 0.5)]).toEqual([true, false, false]);
    expect([better('minimize', 0.2, 0.3), better('minimize', 0.3, 0.2), better('minimize', 0.3, 0.3)]).toEqual([true, false, false]);
    expect([better('maximize', NaN, 0), better('maximize', 0, NaN), better('minimize', NaN, 0)]).toEqual([false, false, false]);
  });

  it('sorts best first, takes the best of some scores, and starts a running best below every score', () => {
    expect([0.2, 0.9, 0.5].sort(compareScores('maximize'))).toEqual([0.9, 0.5, 0.2]);
    expect([0.2, 0.9, 0.5].sort(compareScores('minimize'))).toEqual([0.2, 0.5, 0.9]);
    expect([bestScore('maximize', [0.4, 0.7, 0.1]), bestScore('minimize', [0.4, 0.7, 0.1])]).toEqual([0.7, 0.1]);
    expect([better('maximize', -1e308, worstScore('maximize')), better('minimize', 1e308, worstScore('minimize'))]).toEqual([true, true]);
  });
});
