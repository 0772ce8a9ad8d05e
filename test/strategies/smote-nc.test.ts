import { describe, expect, it } from 'vitest';
import { classCounts, createRng, InputError } from '../../src/internal.ts';
import { categoricalPenalty } from '../../strategies/categorical-penalty.ts';
import { smoteResampler } from '../../strategies/smote.ts';
import { resolveVariant } from '../../strategies/smote-variant.ts';
import { blocksValid, mixedDataset, type Column } from './mixed-fixtures.ts';

// A hand-checkable SMOTE-NC example: numeric a, b and a category, 6 minority rows, k = 3.
const colours = ['red', 'green', 'blue'];
const columns: Column[] = [{ name: 'a' }, { name: 'b' }, { name: 'colour', levels: colours }];
const minority: [number, number, string][] = [
  [0, 3, 'blue'], // m0
  [3, 2, 'blue'], // m1
  [4, 5, 'green'], // m2
  [2, 4, 'green'], // m3
  [1, 1, 'green'], // m4
  [5, 0, 'red'], // m5
];
// Nine majority rows: the minority grows by 3. They play no part in SMOTE-NC's neighbours.
const majority: [number, number, string][] = Array.from({ length: 9 }, (_, i) => [10 + i, 10 - i, colours[i % 3]!]);
const data = mixedDataset(columns, [...minority, ...majority], [...minority.map(() => 1), ...majority.map(() => 0)], ['no', 'yes']);
const rows = [0, 1, 2, 3, 4, 5];

// a and b are each 0…5 in some order: mean 2.5, population variance (6.25 + 2.25 + 0.25) · 2 / 6
// = 35/12, so both standard deviations are √(35/12) and so is their median: Med² = 35/12 ≈ 2.9167.
const med2 = 35 / 12;

// Squared distances, nearest first (P = Med² for a differing colour; the 4th in brackets):
// m0 (0, 3, blue): m3 5 + P = 7.92, m4 5 + P = 7.92, m1 10 (m2 20 + P = 22.92)
// m1 (3, 2, blue): m3 5 + P = 7.92, m4 5 + P = 7.92, m0 10 (m5 8 + P = 10.92)
// m2 (4, 5, green): m3 5, m1 10 + P = 12.92, m0 20 + P = 22.92 (m4 25)
// m3 (2, 4, green): m2 5, m0 5 + P = 7.92, m1 5 + P = 7.92 (m4 10)
// m4 (1, 1, green): m0 5 + P = 7.92, m1 5 + P = 7.92, m3 10 (m5 17 + P = 19.92)
// m5 (5, 0, red): m1 8 + P = 10.92, m4 17 + P = 19.92, m3 25 + P = 27.92 (m2 26 + P = 28.92)
// Ties go to the lower index. For m1 the penalty decides: m0 (10) comes before m5 (8 + P), which
// would win with no penalty, and with imbalanced-learn's pre-0.11 penalty P/2 (8 + 1.46 = 9.46).
const neighbours = [[3, 4, 1], [3, 4, 0], [3, 1, 0], [2, 0, 1], [0, 1, 3], [1, 4, 3]];
// The vote among each row's 3 neighbours: m0 ← green, green, blue: green; m1 ← green, green,
// blue: green; m2 ← green, blue, blue: blue; m3 ← green, blue, blue: blue; m4 ← blue, blue,
// green: blue; m5 ← blue, green, green: green. Each differs from the row's own colour.
const voted = ['green', 'green', 'blue', 'blue', 'blue', 'green'];

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

  it('breaks a tie in the vote at random between the tied levels, as imbalanced-learn', () => {
    // k = 2: m0's neighbours m3 (green) and m4 (green) agree, m1's m3 (green) and m4 (green) too;
    // m5's are m1 (blue) and m4 (green): a tie, which each seed settles one way.
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const out = smoteResampler({ k: 2 })(data, createRng(seed));
      out.synthetic.parent.forEach((p, r) => {
        const colour = colours[out.synthetic.categories![r]!]!;
        if (p === 5) seen.add(colour);
        else if (p === 0 || p === 1) expect(colour).toBe('green');
      });
    }
    expect([...seen].sort()).toEqual(['blue', 'green']);
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
