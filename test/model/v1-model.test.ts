import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromRows, loadModel } from '../../src/index.ts';

// Written by skewtune's format-version-1 writer (a 2-3-2 ReLU network, standardised inputs), before version 2 existed.
const v1 = fileURLToPath(new URL('./v1/standardized.skt', import.meta.url));

describe('model format version 1', () => {
  it('still loads, with no encoder, and gives the probabilities it gave when written', () => {
    const model = loadModel(v1);
    expect(model.header.encoder).toBeNull();
    expect(model.predictTable).toBeNull();
    expect(model.header.preprocessing).toEqual({ divisor: null, standardize: true });
    const p = model.predictProba(fromRows([[1, 2], [3, -1], [0.25, 10]], 'float64'));
    expect([...p.data]).toEqual([0.5, 0.5, 0.5, 0.5, 0.29173317551612854, 0.7082668542861938]);
  });
});
