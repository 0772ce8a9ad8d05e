import { describe, expect, it } from 'vitest';
import { fromArray, type Matrix } from '../../src/internal.ts';
import { neighbourIndex, neighboursFor, type NeighbourBackend } from '../../strategies/neighbours.ts';
import { gaussians, bruteNeighbours } from './fixtures.ts';

describe.each<NeighbourBackend>(['ml-knn', 'scan'])('neighbour search through %s', (backend) => {
  it.each([2, 3, 7])('finds the same k nearest as a brute-force search in %i dimensions', (features) => {
    const ds = gaussians([40, 25], features, `nn${features}`);
    const all = Array.from({ length: ds.y.length }, (_, i) => i);
    const k = 4;
    const nn = neighbourIndex(ds.x, backend).nearest(k);
    for (const row of all) {
      const found = Array.from(nn.subarray(row * k, row * k + k));
      expect(new Set(found).size).toBe(k);
      expect(found).not.toContain(row);
      const oracle = bruteNeighbours(ds, row, all, k);
      for (const f of found) expect(oracle.has(f)).toBe(true);
    }
  });

  it('answers for a subset of rows, in the order asked', () => {
    const ds = gaussians([30], 3, 'subset');
    const index = neighbourIndex(ds.x, backend);
    const some = [7, 2, 19];
    const full = index.nearest(3);
    expect(Array.from(index.nearest(3, some))).toEqual(some.flatMap((r) => Array.from(full.subarray(r * 3, r * 3 + 3))));
  });

  it('never lists a row as its own neighbour, even among duplicates', () => {
    const ds = gaussians([6], 2, 'dup');
    ds.x.data.fill(1);
    const nn = neighbourIndex(ds.x, backend).nearest(2);
    for (let row = 0; row < 6; row++) expect(Array.from(nn.subarray(row * 2, row * 2 + 2))).not.toContain(row);
  });
});

/** The exact float64 scan: Σ (a − b)² in float64, sorted by distance then index. */
function exactScan(x: Matrix, row: number, k: number): number[] {
  const d = x.cols;
  const distance = (j: number) => {
    let s = 0;
    for (let f = 0; f < d; f++) s += (x.data[row * d + f]! - x.data[j * d + f]!) ** 2;
    return s;
  };
  return Array.from({ length: x.rows }, (_, j) => j).filter((j) => j !== row)
    .map((j) => ({ j, s: distance(j) })).sort((a, b) => a.s - b.s || a.j - b.j).slice(0, k).map((o) => o.j);
}

describe('the scan', () => {
  it.each([
    ['wide Gaussian rows (784 features)', gaussians([150, 30], 784, 'wide').x],
    // Small integers: many exact ties in distance, which the lower index must win.
    ['a grid of small integers (many ties)', fromArray(120, 6, Float32Array.from({ length: 720 }, (_, i) => (i * 7919) % 3))],
    ['duplicated rows', fromArray(40, 5, Float32Array.from({ length: 200 }, (_, i) => Math.floor(i / 10) % 4))],
    ['float64 rows that float32 cannot hold', fromArray(60, 3, Float64Array.from({ length: 180 }, (_, i) => 1 + ((i * 37) % 11) * 1e-9))],
  ])('lists the same neighbours, in the same order, as an exact float64 scan: %s', (_, x) => {
    const k = 5;
    const nn = neighbourIndex(x, 'scan').nearest(k);
    for (let row = 0; row < x.rows; row++) expect(Array.from(nn.subarray(row * k, row * k + k)), `row ${row}`).toEqual(exactScan(x, row, k));
  });
});

describe('neighbourIndex', () => {
  it('refuses k outside [1, rows − 1]', () => {
    expect(() => neighbourIndex(gaussians([3], 2, 'k').x).nearest(3)).toThrow('k must be an integer in [1, 2] for 3 points, got 3');
  });
});

describe('neighboursFor', () => {
  it('uses k when the class is larger than k', () => {
    const warnings: string[] = [];
    expect(neighboursFor('smote', 'a', 6, 5, warnings)).toBe(5);
    expect(warnings).toEqual([]);
  });

  it('uses size − 1 for a class of k or fewer samples, and says so', () => {
    const warnings: string[] = [];
    expect(neighboursFor('smote', 'a', 4, 5, warnings)).toBe(3);
    expect(warnings).toEqual(['smote: class "a" has 4 samples, so it uses k = 3 neighbours instead of 5']);
  });

  it('refuses a class of one sample, naming the class', () => {
    expect(() => neighboursFor('smote', 'rare', 1, 5, [])).toThrow('smote: class "rare" has 1 sample, but interpolation needs at least 2 per class');
  });
});
