import { describe, expect, it } from 'vitest';
import { classCounts, createRng, indicesByClass, type Dataset } from '../../src/internal.ts';
import { adasynResampler, apportion } from '../../strategies/adasyn.ts';
import { borderlineSmoteResampler } from '../../strategies/borderline-smote.ts';
import { bootstrapResampler, bootstrapSample } from '../../strategies/bootstrap.ts';
import { randomUnderResampler } from '../../strategies/random-under.ts';
import { gaussians, bruteNeighbours, distance2 } from './fixtures.ts';

const all = (ds: Dataset) => Array.from({ length: ds.y.length }, (_, i) => i);
const row = (ds: Dataset, i: number) => Array.from(ds.x.data.subarray(i * ds.x.cols, (i + 1) * ds.x.cols));

/** Other-class rows among the m nearest of `i` in the whole data, by brute force (no ties in Gaussian data). */
function othersAround(ds: Dataset, i: number, m: number): number {
  const nearest = all(ds).filter((j) => j !== i).sort((a, b) => distance2(ds, i, a) - distance2(ds, i, b)).slice(0, m);
  return nearest.filter((j) => ds.y[j] !== ds.y[i]).length;
}

describe('bootstrapResampler', () => {
  const ds = gaussians([30, 7, 12], 2, 'boot');

  it('adds copies of same-class rows until each class reaches round(ratio × largest)', () => {
    const out = bootstrapResampler({ ratio: 0.5 })(ds, createRng(1));
    expect(classCounts(out.data)).toEqual([30, 15, 15]);
    for (let r = 0; r < out.synthetic.parent.length; r++) {
      const p = out.synthetic.parent[r]!;
      expect(row(out.data, ds.y.length + r)).toEqual(row(ds, p));
      expect(out.data.y[ds.y.length + r]).toBe(ds.y[p]);
      expect([out.synthetic.neighbour[r], out.synthetic.factor[r]]).toEqual([-1, NaN]);
    }
  });

  it('keeps the originals first and repeats itself for a seed', () => {
    const out = bootstrapResampler()(ds, createRng(3));
    expect(out.data.x.data.subarray(0, ds.x.data.length)).toEqual(ds.x.data);
    expect(bootstrapResampler()(ds, createRng(3))).toEqual(out);
    expect(bootstrapResampler()(ds, createRng(4)).synthetic.parent).not.toEqual(out.synthetic.parent);
  });
});

describe('bootstrapSample (one bagged model)', () => {
  it('redraws every class to its target size, keeping none of the originals as such', () => {
    const ds = gaussians([20, 5], 2, 'bag');
    const out = bootstrapSample()(ds, createRng(1));
    expect(classCounts(out.data)).toEqual([20, 20]);
    expect(out.kept.length).toBe(0);
    out.synthetic.parent.forEach((p, r) => expect(row(out.data, r)).toEqual(row(ds, p)));
    // With replacement: 20 draws from 20 rows repeat some (all distinct has chance 20!/20^20).
    expect(new Set(out.synthetic.parent.subarray(0, 20)).size).toBeLessThan(20);
  });
});

describe('randomUnderResampler', () => {
  const ds = gaussians([30, 7, 12], 2, 'under');

  it('cuts each class to at most round(smallest / ratio) rows', () => {
    expect(classCounts(randomUnderResampler()(ds, createRng(1)).data)).toEqual([7, 7, 7]);
    expect(classCounts(randomUnderResampler({ ratio: 0.5 })(ds, createRng(1)).data)).toEqual([14, 7, 12]);
  });

  it('keeps chosen rows unchanged and in input order, the same for a seed', () => {
    const out = randomUnderResampler()(ds, createRng(2));
    expect(Array.from(out.kept)).toEqual([...out.kept].sort((a, b) => a - b));
    out.kept.forEach((k, r) => expect(row(out.data, r)).toEqual(row(ds, k)));
    expect(Array.from(out.data.y)).toEqual(Array.from(out.kept, (k) => ds.y[k]));
    expect(randomUnderResampler()(ds, createRng(2))).toEqual(out);
    expect(randomUnderResampler()(ds, createRng(3)).kept).not.toEqual(out.kept);
  });
});

describe('borderlineSmoteResampler (Han et al. 2005)', () => {
  it('seeds only from minority samples in danger: m/2 <= other-class neighbours < m', () => {
    const ds = gaussians([60, 15], 2, 'border', { shift: 1.5 });
    const m = 6;
    const out = borderlineSmoteResampler({ k: 3, m })(ds, createRng(1));
    expect(classCounts(out.data)).toEqual([60, 60]);
    expect(out.warnings).toEqual([]);
    const minority = indicesByClass(ds)[1]!;
    const danger = new Set(minority.filter((i) => {
      const others = othersAround(ds, i, m);
      return others >= m / 2 && others < m;
    }));
    expect(danger.size).toBeGreaterThan(0);
    expect(danger.size).toBeLessThan(minority.length);
    for (let r = 0; r < out.synthetic.parent.length; r++) {
      const p = out.synthetic.parent[r]!;
      expect(danger.has(p)).toBe(true);
      expect(bruteNeighbours(ds, p, minority, 3).has(out.synthetic.neighbour[r]!)).toBe(true);
    }
  });

  it('falls back to every sample of a class with none in danger, and says so', () => {
    const out = borderlineSmoteResampler()(gaussians([30, 8], 2, 'far', { shift: 50 }), createRng(1));
    expect(classCounts(out.data)).toEqual([30, 30]);
    expect(out.warnings).toEqual(['borderline-smote: class "c1" has no sample in danger, so all its samples seed synthetic ones']);
  });
});

describe('adasynResampler (He et al. 2008)', () => {
  it('apportions exactly, largest remainders first', () => {
    expect(apportion([1, 1, 2], 5)).toEqual([1, 1, 3]);
    expect(apportion([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(apportion([0, 3], 4)).toEqual([0, 4]);
  });

  it('gives each sample synthetic rows in proportion to its other-class neighbours', () => {
    const ds = gaussians([60, 12], 2, 'adasyn', { shift: 1.5 });
    const k = 5;
    const out = adasynResampler({ k })(ds, createRng(1));
    expect(classCounts(out.data)).toEqual([60, 60]);
    const minority = indicesByClass(ds)[1]!;
    const expected = apportion(minority.map((i) => othersAround(ds, i, k) / k), 48);
    const seeded = minority.map((i) => out.synthetic.parent.filter((p) => p === i).length);
    expect(seeded).toEqual(expected);
    for (let r = 0; r < out.synthetic.parent.length; r++) {
      expect(bruteNeighbours(ds, out.synthetic.parent[r]!, minority, k).has(out.synthetic.neighbour[r]!)).toBe(true);
    }
  });

  it('falls back to uniform seeding when no sample has another class nearby, and says so', () => {
    const out = adasynResampler()(gaussians([30, 8], 2, 'far', { shift: 50 }), createRng(1));
    expect(classCounts(out.data)).toEqual([30, 30]);
    expect(out.warnings).toEqual(['adasyn: no sample of class "c1" has a neighbour of another class, so all seed equally']);
  });
});
