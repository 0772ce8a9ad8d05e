import { max, mean, min, standardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { lastValueFrom } from 'rxjs';
import { createRng, defaultTrainConfig, initializer, train, type Model } from '../../src/internal.ts';
import { blobs } from '../helpers/blobs.ts';

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
  it('constant:C sets every weight to C, and refuses a C that is not a number', () => {
    expect(new Set(draw('constant:0'))).toEqual(new Set([0]));
    expect(new Set(draw('constant:-0.5'))).toEqual(new Set([-0.5]));
    expect(() => initializer('constant:')).toThrow(/constant:C needs a finite number C, got ""/);
    expect(() => initializer('constant:x')).toThrow(/got "x"/);
  });
});

describe('the symmetry a constant initialisation cannot break', () => {
  // Each column of a hidden layer's fan_in × fan_out weights is one unit's incoming weights.
  const distinctUnits = (model: Model, layer: number) => {
    const w = model.params.filter((p) => p.name === 'weight')[layer]!.value;
    const columns = Array.from({ length: w.cols }, (_, j) => Array.from({ length: w.rows }, (_, i) => w.data[i * w.cols + j]!.toFixed(6)).join());
    return new Set(columns).size;
  };
  const trained = async (init: string) => {
    const config = { ...defaultTrainConfig, hidden: [6, 5], activation: 'sigmoid' as const, init, epochs: 20, batchSize: 16, optimizer: { name: 'sgd' as const, lr: 0.5 } };
    const done = await lastValueFrom(train({ train: blobs([40, 40, 40], 4, 3) }, config));
    if (done.type !== 'done') throw new Error('no model');
    return done.model as Model;
  };

  it.each(['constant:0', 'constant:0.1'])('%s: after training, every unit of a hidden layer is still a copy of one', async (init) => {
    const model = await trained(init);
    expect([distinctUnits(model, 0), distinctUnits(model, 1)]).toEqual([1, 1]);
  });

  it('xavier-normal: the units differ', async () => {
    const model = await trained('xavier-normal');
    expect([distinctUnits(model, 0), distinctUnits(model, 1)]).toEqual([6, 5]);
  });
});
