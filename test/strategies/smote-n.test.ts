import { describe, expect, it } from 'vitest';
import { classCounts, createRng } from '../../src/internal.ts';
import { levelCodes } from '../../strategies/categorical-columns.ts';
import { smoteResampler } from '../../strategies/smote.ts';
import { resolveVariant } from '../../strategies/smote-variant.ts';
import { valueDifference } from '../../strategies/value-difference.ts';
import { blocksValid, mixedDataset, type Column } from './mixed-fixtures.ts';

// A hand-checkable SMOTE-N example: two categorical columns, 4 minority rows, k = 2.
const columns: Column[] = [{ name: 'colour', levels: ['red', 'green', 'blue'] }, { name: 'size', levels: ['S', 'L'] }];
const yes = [['red', 'S'], ['red', 'L'], ['green', 'S'], ['blue', 'L']]; // y0 … y3
const no = [['green', 'L'], ['green', 'L'], ['blue', 'S'], ['blue', 'S'], ['red', 'L'], ['blue', 'L']];
const data = mixedDataset(columns, [...yes, ...no], [1, 1, 1, 1, 0, 0, 0, 0, 0, 0], ['no', 'yes']);

// p(yes | level) over all rows: red 2/3, green 1/3, blue 1/4; S 2/4 = 1/2, L 2/6 = 1/3. With two
// classes δ = |p(yes|a) − p(yes|b)| + |p(no|a) − p(no|b)| = 2·|p(yes|a) − p(yes|b)|, so
// δ²(red, green) = (2/3)² = 16/36, δ²(red, blue) = (5/6)² = 25/36, δ²(green, blue) = (1/6)² = 1/36,
// δ²(S, L) = (1/3)² = 4/36. Δ = Σ δ²: y0–y1 4/36, y0–y2 16/36, y0–y3 (25 + 4)/36 = 29/36,
// y1–y2 (16 + 4)/36 = 20/36, y1–y3 25/36, y2–y3 (1 + 4)/36 = 5/36.
const delta = [[0, 4, 16, 29], [4, 0, 20, 25], [16, 20, 0, 5], [29, 25, 5, 0]].map((r) => r.map((v) => v / 36));
// The 2 nearest: y0 → y1, y2; y1 → y0, y2; y2 → y3, y0; y3 → y2, y1.
const neighbours = [[1, 2], [0, 2], [3, 0], [2, 1]];
// The vote over the seed and its 2 neighbours, ties to the lowest level (scipy's mode, as
// imbalanced-learn): y0 ← (red S, red L, green S): red, S; y1 ← (red L, red S, green S): red, S;
// y2 ← (green S, blue L, red S): colour tied, so red; S; y3 ← (blue L, green S, red L): red; L.
const voted = [[1, 0, 0, 1, 0], [1, 0, 0, 1, 0], [1, 0, 0, 1, 0], [1, 0, 0, 0, 1]];

describe('SMOTE-N, a hand-computed example', () => {
  it('measures the value difference metric', () => {
    const distance = valueDifference(data, levelCodes(data));
    delta.forEach((row, i) => row.forEach((d, j) => expect(distance(i, j)).toBeCloseTo(d, 12)));
  });

  it('finds the nearest rows by that metric', () => {
    const near = resolveVariant('smote', 'auto', data).neighbours([0, 1, 2, 3]).within(2);
    expect([0, 1, 2, 3].map((i) => Array.from(near.subarray(i * 2, i * 2 + 2)))).toEqual(neighbours);
  });

  it('gives each new row the categories voted by the seeded row and its neighbours', () => {
    const out = smoteResampler({ k: 2 })(data, createRng(4));
    expect(classCounts(out.data)).toEqual([6, 6]);
    const rng = createRng(4);
    const seeds = [rng.int(4), rng.int(4)];
    seeds.forEach((p, r) => {
      expect([out.synthetic.parent[r], out.synthetic.neighbour[r]]).toEqual([p, -1]);
      expect(Array.from(out.data.x.data.subarray((10 + r) * 5, (11 + r) * 5))).toEqual(voted[p]);
    });
    expect(blocksValid(out.data)).toBe(true);
    expect(smoteResampler({ k: 2 }, 'smote-n')(data, createRng(4))).toEqual(out);
  });

  it('refuses smote-n on data with a numeric column, naming it', () => {
    const mixed = mixedDataset([{ name: 'age' }, ...columns], [...yes, ...no].map((r, i) => [i, ...r]), [1, 1, 1, 1, 0, 0, 0, 0, 0, 0], ['no', 'yes']);
    expect(() => smoteResampler({}, 'smote-n')(mixed, createRng(1))).toThrow('smote-n: column "age" is numeric, but SMOTE-N needs every column categorical; use smote-nc');
  });
});
