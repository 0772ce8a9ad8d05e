import { max, mean, min, standardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { createRng, initializer } from '../../src/index.ts';

// fan_in = 400, fan_out = 200: 80,000 draws, so the sample σ is within ~0.5% of the truth.
const fanIn = 400;
const fanOut = 200;

function draw(name: string): number[] {
  const w = new Float64Array(fanIn * fanOut);
  initializer(name).fill(w, fanIn, fanOut, createRng(name));
  return [...w];
}

describe('initialisers match their formulas', () => {
  it.each([
    ['normal:1', 1],
    ['normal:0.01', 0.01],
    ['xavier-normal', Math.sqrt(2 / (fanIn + fanOut))],
    ['he', Math.sqrt(2 / fanIn)],
    ['he-normal', Math.sqrt(2 / fanIn)],
  ])('%s is N(0, σ²) with σ = %f', (name, sigma) => {
    const w = draw(name);
    expect(Math.abs(mean(w))).toBeLessThan((4 * sigma) / Math.sqrt(w.length));
    expect(standardDeviation(w) / sigma).toBeCloseTo(1, 2);
  });

  it.each([
    ['xavier', Math.sqrt(6 / (fanIn + fanOut))],
    ['xavier-uniform', Math.sqrt(6 / (fanIn + fanOut))],
    ['he-uniform', Math.sqrt(6 / fanIn)],
  ])('%s is U(−a, a) with a = %f', (name, limit) => {
    const w = draw(name);
    expect(max(w)).toBeLessThanOrEqual(limit);
    expect(min(w)).toBeGreaterThanOrEqual(-limit);
    expect(max(w)).toBeGreaterThan(0.999 * limit);
    expect(standardDeviation(w) / (limit / Math.sqrt(3))).toBeCloseTo(1, 2);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => initializer('glorot')).toThrow(/unknown initializer "glorot"; expected one of .*he-uniform.*normal:SIGMA/);
    expect(() => initializer('normal:-1')).toThrow(/SIGMA > 0/);
  });
});
