import { describe, expect, it } from 'vitest';
import { createRng, matmul, matmulTransA, matmulTransB, matrix, type Matrix } from '../../src/internal.ts';

function random(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  const m = matrix(rows, cols, 'float64');
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal();
  return m;
}

/** The definition, element by element: the oracle for the blocked kernels. */
function naive(a: Matrix, b: Matrix, transA: boolean, transB: boolean): number[] {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const n = transB ? b.rows : b.cols;
  const at = (i: number, p: number) => (transA ? a.data[p * a.cols + i]! : a.data[i * a.cols + p]!);
  const bt = (p: number, j: number) => (transB ? b.data[j * b.cols + p]! : b.data[p * b.cols + j]!);
  const out: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j);
    out.push(s);
  }
  return out;
}

const shapes: [number, number, number][] = [[1, 1, 1], [7, 13, 5], [4, 4, 4], [9, 3, 6], [33, 17, 10]];

describe('matrix products agree with the definition', () => {
  it.each(shapes)('A·B, Aᵀ·B, A·Bᵀ at m=%i k=%i n=%i, with and without accumulate', (m, k, n) => {
    const a = random(m, k, 1);
    const b = random(k, n, 2);
    const out = matrix(m, n, 'float64');
    matmul(a, b, out);
    [...out.data].forEach((v, i) => expect(v).toBeCloseTo(naive(a, b, false, false)[i]!, 10));

    const aT = random(k, m, 3);
    matmulTransA(aT, b, out);
    const expectedTA = naive(aT, b, true, false);
    [...out.data].forEach((v, i) => expect(v).toBeCloseTo(expectedTA[i]!, 10));
    matmulTransA(aT, b, out, true);
    [...out.data].forEach((v, i) => expect(v).toBeCloseTo(2 * expectedTA[i]!, 10));

    const bT = random(n, k, 4);
    matmulTransB(a, bT, out);
    [...out.data].forEach((v, i) => expect(v).toBeCloseTo(naive(a, bT, false, true)[i]!, 10));
  });

  it('rejects shapes that do not fit, naming them', () => {
    expect(() => matmul(matrix(2, 3), matrix(4, 5), matrix(2, 5))).toThrow('matmul: shapes do not fit (2×3 · 4×5 → 2×5)');
  });
});

describe('seeded RNG', () => {
  it('gives the same stream for the same seed and different ones for different seeds or forks', () => {
    const draw = (seed: number | string) => Array.from({ length: 5 }, createRng(seed).uniform);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(Array.from({ length: 5 }, createRng(1).fork('a').uniform)).not.toEqual(draw(1));
  });

  it('draws normals with the asked mean and σ, and samples with replacement inside the range', () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 20000 }, () => rng.normal(3, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(2, 1);
    const idx = rng.sampleWithReplacement(10, 1000);
    expect(Math.min(...idx)).toBe(0);
    expect(Math.max(...idx)).toBe(9);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('seeded RNG streams are unrelated', () => {
  it('does not step its first draw by a constant from one seed to the next (raw Alea keys do)', () => {
    const first = (seed: string | number) => createRng(seed).uniform();
    for (const key of [(i: number) => i, (i: number) => `x/${i}`]) {
      const draws = Array.from({ length: 10 }, (_, i) => first(key(i)));
      // Raw Alea keys 0…9 step by 0.932 (mod 1) eight times out of nine.
      const steps = draws.slice(1).map((d, i) => (((d - draws[i]!) % 1) + 1) % 1);
      const sameStep = Math.max(...steps.map((s) => steps.filter((t) => Math.abs(t - s) < 0.005).length));
      expect(sameStep).toBeLessThan(4);
    }
  });
});
