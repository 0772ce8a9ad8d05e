import { describe, expect, it } from 'vitest';
import { classCounts, createRng, InputError } from '../../src/index.ts';
import { categoricalPenalty } from '../../strategies/categorical-penalty.ts';
import { smoteResampler } from '../../strategies/smote.ts';
import { resolveVariant } from '../../strategies/smote-variant.ts';
import { blocksValid, mixedDataset, type Column } from './mixed-fixtures.ts';

// A hand-checkable SMOTE-NC example: numeric a, b and a category, 6 minority rows, k = 3.
const colours = ['red', 'green', 'blue'];
const columns: Column[] = [{ name: 'a' }, { name: 'b' }, { name: 'colour', levels: colours }];
const minority: [number, number, string][] = [
  [0, 3, 'blue'], // m0
  [1, 2, 'green'], // m1
  [2, 1, 'green'], // m2
  [3, 0, 'blue'], // m3
  [4, 4, 'red'], // m4
  [5, 5, 'red'], // m5
];
// Nine majority rows: the minority grows by 3. They play no part in SMOTE-NC's neighbours.
const majority: [number, number, string][] = Array.from({ length: 9 }, (_, i) => [10 + i, 10 - i, colours[i % 3]!]);
const data = mixedDataset(columns, [...minority, ...majority], [...minority.map(() => 1), ...majority.map(() => 0)], ['no', 'yes']);
const rows = [0, 1, 2, 3, 4, 5];

// a and b are each 0…5 in some order: mean 2.5, population variance (6.25 + 2.25 + 0.25) · 2 / 6
// = 35/12, so both standard deviations are √(35/12) and so is their median: Med² = 35/12 ≈ 2.9167.
const med2 = 35 / 12;

// Squared distances from m0 = (0, 3, blue): m1 (1, 2, green) 1 + 1 + Med² = 4.92; m2 (2, 1,
// green) 4 + 4 + Med² = 10.92; m3 (3, 0, blue) 9 + 9 = 18; m4 (4, 4, red) 16 + 1 + Med² = 19.92;
// m5 (5, 5, red) 25 + 4 + Med² = 31.92. Without the penalty m4 (17) would come before m3 (18).
// Likewise from m3 = (3, 0, blue): m2 2 + Med² = 4.92, m1 8 + Med² = 10.92, m0 18, m4 17 + Med² = 19.92.
// The others, nearest first (the next one in brackets): m1 (1, 2, green): m2 2, m0 2 + Med²
// = 4.92, m3 8 + Med² = 10.92 (m4 13 + Med²); m2 (2, 1, green): m1 2, m3 4.92, m0 10.92
// (m4 15.92); m4 (4, 4, red): m5 2, m1 13 + Med² = 15.92, m2 15.92 (m0 17 + Med²);
// m5 (5, 5, red): m4 2, m1 25 + Med² = 27.92, m2 27.92 (m0 29 + Med²). Ties go to the lower index.
const neighbours = [[1, 2, 3], [2, 0, 3], [1, 3, 0], [2, 1, 0], [5, 1, 2], [4, 1, 2]];
// The vote among each row's 3 neighbours: m0 ← green, green, blue: green; m1 ← green, blue, blue:
// blue; m2 ← green, blue, blue: blue; m3 ← green, green, blue: green; m4 ← red, green, green:
// green; m5 ← red, green, green: green.
const voted = ['green', 'blue', 'blue', 'green', 'green', 'green'];

describe('SMOTE-NC, a hand-computed example', () => {
  it('takes the median of the minority class numeric standard deviations as the penalty', () => {
    expect(categoricalPenalty(data, rows) ** 2).toBeCloseTo(med2, 12);
  });

  it('finds the neighbours with a penalty of Med² per differing category', () => {
    const near = resolveVariant('smote', 'auto', data).neighbours(rows).within(3);
    expect(rows.map((i) => Array.from(near.subarray(i * 3, i * 3 + 3)))).toEqual(neighbours);
  });

  it('puts the numeric values on the segment to the seeded neighbour and the category by vote', () => {
    const seed = 11;
    const out = smoteResampler({ k: 3 })(data, createRng(seed));
    expect(classCounts(out.data)).toEqual([9, 9]);
    // The seeded choices, replayed: 3 seeds, then for each a neighbour and u.
    const rng = createRng(seed);
    const seeds = [rng.int(6), rng.int(6), rng.int(6)];
    const n = data.y.length;
    seeds.forEach((p, r) => {
      const q = neighbours[p]![rng.int(3)]!;
      const u = rng.uniform();
      expect([out.synthetic.parent[r], out.synthetic.neighbour[r], out.synthetic.factor[r]]).toEqual([p, q, u]);
      const row = Array.from(out.data.x.data.subarray((n + r) * 5, (n + r + 1) * 5));
      const [pa, pb] = minority[p]!;
      const [qa, qb] = minority[q]!;
      expect(row[0]).toBeCloseTo(pa + u * (qa - pa), 12);
      expect(row[1]).toBeCloseTo(pb + u * (qb - pb), 12);
      expect(row.slice(2)).toEqual(colours.map((c) => (c === voted[p] ? 1 : 0)));
      expect(out.data.y[n + r]).toBe(1);
    });
    expect(blocksValid(out.data)).toBe(true);
    expect(out.data.categorical).toEqual(data.categorical);
  });

  it('runs from plain smote and from smote-nc alike', () => {
    const auto = smoteResampler({ k: 3 })(data, createRng(5));
    expect(smoteResampler({ k: 3 }, 'smote-nc')(data, createRng(5))).toEqual(auto);
  });

  it('refuses smote-nc on data with no categorical column, and on data with no numeric one', () => {
    const numeric = { ...data, categorical: [] };
    expect(() => smoteResampler({}, 'smote-nc')(numeric, createRng(1))).toThrow(InputError);
    expect(() => smoteResampler({}, 'smote-nc')(numeric, createRng(1))).toThrow('smote-nc: the data has no categorical column');
    const nominal = mixedDataset([{ name: 'colour', levels: colours }], minority.map((r) => [r[2]]), [1, 1, 1, 0, 0, 0], ['no', 'yes']);
    expect(() => smoteResampler({}, 'smote-nc')(nominal, createRng(1))).toThrow('every column is categorical, but SMOTE-NC needs a numeric one; use smote-n');
  });
});
