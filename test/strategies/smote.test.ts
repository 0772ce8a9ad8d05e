import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classCounts, createRng, indicesByClass, type Dataset } from '../../src/internal.ts';
import { smoteResampler } from '../../strategies/smote.ts';
import { gaussians, bruteNeighbours } from './fixtures.ts';

/** Where s falls on the line x + u·(x̂ − x), and how far from it (by least squares). */
function onSegment(ds: Dataset, s: ArrayLike<number>, x: number, xHat: number): { u: number; off: number } {
  const d = ds.x.cols;
  let dot = 0;
  let len = 0;
  for (let f = 0; f < d; f++) {
    const dir = ds.x.data[xHat * d + f]! - ds.x.data[x * d + f]!;
    dot += (s[f]! - ds.x.data[x * d + f]!) * dir;
    len += dir * dir;
  }
  const u = len === 0 ? 0 : dot / len;
  let off = 0;
  for (let f = 0; f < d; f++) {
    const p = ds.x.data[x * d + f]! + u * (ds.x.data[xHat * d + f]! - ds.x.data[x * d + f]!);
    off = Math.max(off, Math.abs(s[f]! - p));
  }
  return { u, off };
}

const scenario = fc.record({
  majority: fc.integer({ min: 8, max: 40 }),
  minority: fc.integer({ min: 2, max: 20 }),
  features: fc.constantFrom(2, 5),
  k: fc.integer({ min: 1, max: 6 }),
  ratio: fc.double({ min: 0.2, max: 1, noNaN: true }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

describe('SMOTE (property tests; neighbours checked by brute force)', () => {
  it('puts every synthetic row on a segment from a sample to one of its k nearest same-class neighbours', () => {
    fc.assert(fc.property(scenario, ({ majority, minority, features, k, ratio, seed }) => {
      const ds = gaussians([majority, minority], features, seed);
      const n = ds.y.length;
      const out = smoteResampler({ k, ratio })(ds, createRng(seed));
      const groups = indicesByClass(ds);
      const d = ds.x.cols;
      for (let r = 0; r < out.synthetic.parent.length; r++) {
        const row = out.data.x.data.subarray((n + r) * d, (n + r + 1) * d);
        const c = out.data.y[n + r]!;
        const members = groups[c]!;
        const kc = Math.min(k, members.length - 1);
        // Independent of the recorded provenance: some sample of the class and one of its
        // brute-force neighbours must have the row between them.
        const found = members.some((x) => [...bruteNeighbours(ds, x, members, kc)].some((xHat) => {
          const { u, off } = onSegment(ds, row, x, xHat);
          return u >= -1e-9 && u <= 1 + 1e-9 && off < 1e-9;
        }));
        expect(found).toBe(true);
        // And the provenance tells the truth about it.
        const [p, q, u] = [out.synthetic.parent[r]!, out.synthetic.neighbour[r]!, out.synthetic.factor[r]!];
        expect(ds.y[p]).toBe(c);
        expect(bruteNeighbours(ds, p, members, kc).has(q)).toBe(true);
        expect(u >= 0 && u < 1).toBe(true);
        const at = onSegment(ds, row, p, q);
        expect(at.off).toBeLessThan(1e-9);
      }
    }), { seed: 4, numRuns: 40 });
  });

  it('brings each class to round(ratio × largest), keeps the originals first, and repeats itself for a seed', () => {
    fc.assert(fc.property(scenario, ({ majority, minority, features, k, ratio, seed }) => {
      const ds = gaussians([majority, minority, Math.max(2, minority >> 1)], features, seed);
      const before = classCounts(ds);
      const target = Math.round(ratio * Math.max(...before));
      const out = smoteResampler({ k, ratio })(ds, createRng(seed));
      expect(classCounts(out.data)).toEqual(before.map((b) => Math.max(b, target)));
      const n = ds.y.length;
      expect(out.data.x.data.subarray(0, ds.x.data.length)).toEqual(ds.x.data);
      expect(out.data.y.subarray(0, n)).toEqual(ds.y);
      expect(out.kept).toEqual(Int32Array.from({ length: n }, (_, i) => i));
      expect(smoteResampler({ k, ratio })(ds, createRng(seed))).toEqual(out);
    }), { seed: 5, numRuns: 40 });
  });
});

describe('smoteResampler', () => {
  it('draws other rows for another seed', () => {
    const ds = gaussians([30, 6], 2, 'seeds');
    const a = smoteResampler()(ds, createRng(1));
    const b = smoteResampler()(ds, createRng(2));
    expect(a.data.x.data).not.toEqual(b.data.x.data);
  });

  it('keeps float32 data float32 and its rows on their segments', () => {
    const ds = gaussians([20, 5], 3, 'f32', { dtype: 'float32' });
    const out = smoteResampler({ k: 3 })(ds, createRng(1));
    expect(out.data.x.data).toBeInstanceOf(Float32Array);
    const r = out.synthetic.parent.length - 1;
    const row = out.data.x.data.subarray((25 + r) * 3, (26 + r) * 3);
    expect(onSegment(ds, row, out.synthetic.parent[r]!, out.synthetic.neighbour[r]!).off).toBeLessThan(1e-5);
  });

  it('uses size − 1 neighbours for a class of k or fewer samples and warns', () => {
    const out = smoteResampler({ k: 5 })(gaussians([20, 4], 2, 'small'), createRng(1));
    expect(out.warnings).toEqual(['smote: class "c1" has 4 samples, so it uses k = 3 neighbours instead of 5']);
    expect(classCounts(out.data)).toEqual([20, 20]);
  });

  it('refuses a class of one sample that needs synthetic rows, naming the class', () => {
    expect(() => smoteResampler()(gaussians([20, 1], 2, 'one'), createRng(1))).toThrow('smote: class "c1" has 1 sample');
  });

  it('refuses k < 1 and a ratio outside (0, 1]', () => {
    expect(() => smoteResampler({ k: 0 })).toThrow('smote: k must be an integer >= 1, got 0');
    expect(() => smoteResampler({ ratio: 0 })).toThrow('smote: ratio must be in (0, 1]');
    expect(() => smoteResampler({ ratio: 1.5 })).toThrow('got 1.5');
  });
});
