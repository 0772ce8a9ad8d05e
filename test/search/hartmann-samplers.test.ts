import { describe, expect, it } from 'vitest';
import { samplers } from '../../src/search/samplers/registry.ts';
import { samplerComparison } from './hartmann.ts';

describe('samplers on the 6-D Hartmann function (minimised, optimum -3.322; 10 rounds × 10, seeds 0–9)', () => {
  it('the default (narrowing) and tpe reach a median best of -3.0 or lower; plain random does not', async () => {
    const median = await samplerComparison(samplers);
    expect(median.narrowing).toBeLessThanOrEqual(-3.0);
    expect(median.tpe).toBeLessThanOrEqual(-3.0);
    expect(median.random).toBeGreaterThan(-3.0);
  }, 60_000);
});
