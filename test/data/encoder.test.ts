import { describe, expect, it } from 'vitest';
import { decode, encode, fitEncoder } from '../../src/data/encoder.ts';
import { robustFit, smoothClip, unclip } from '../../src/data/robust-scale.ts';
import type { LabelledTable } from '../../src/data/table.ts';

// Rows 0–3 train, row 4 is a "test" row whose values must not move the fit.
const table: LabelledTable = {
  name: 't.csv', rows: 5, label: 'label', y: Int32Array.of(0, 1, 0, 1, 0), classNames: ['a', 'b'],
  columns: [
    { name: 'x', kind: 'numeric', values: Float64Array.of(1, NaN, 3, 10, 1000) },
    { name: 'c', kind: 'categorical', levels: ['u', 'v', 'w', 'z'], codes: Int32Array.of(0, 1, -1, 0, 3) },
  ],
};
const train = [0, 1, 2, 3];

describe('the tabular encoder', () => {
  it('fills a numeric gap with the training median, adds an indicator, and standardises with training statistics', () => {
    const encoder = fitEncoder(table, train, { scaling: 'standard' });
    // Filled training values 1, 3, 3, 10: mean 4.25, population sd sqrt(11.6875).
    const sd = Math.sqrt(11.6875);
    expect(encoder.columns[0]).toEqual({ name: 'x', kind: 'numeric', fill: 3, indicator: true, center: 4.25, factor: 1 / sd });
    const ds = encode(encoder, table, [0, 1, 4]);
    expect(ds.featureNames).toEqual(['x', 'x (missing)', 'c=u', 'c=v', 'c=(missing)']);
    const rows = [...ds.x.data];
    expect(rows[0]).toBeCloseTo((1 - 4.25) / sd, 6);
    expect(rows.slice(1, 5)).toEqual([0, 1, 0, 0]);
    expect(rows[5]).toBeCloseTo((3 - 4.25) / sd, 6);
    expect(rows.slice(6, 10)).toEqual([1, 0, 1, 0]);
    // Row 4: 1000 is beyond anything in training; "z" was never seen there and no `other` exists: no level at all.
    expect(rows[10]).toBeCloseTo((1000 - 4.25) / sd, 3);
    expect(rows.slice(11)).toEqual([0, 0, 0, 0]);
    expect(ds.categorical).toEqual([{ name: 'c', start: 2, levels: ['u', 'v', '(missing)'] }]);
    expect([...ds.y]).toEqual([0, 1, 0]);
  });

  it('robust scaling: median and interquartile range of the training values, then smooth clipping', () => {
    const encoder = fitEncoder(table, train, { scaling: 'robust' });
    // Filled sorted 1, 3, 3, 10: median 3, q25 = 2.5, q75 = 4.75, range 2.25.
    expect(encoder.columns[0]).toMatchObject({ center: 3, factor: 1 / 2.25 });
    const z = 7 / 2.25;
    expect(encode(encoder, table, [3]).x.data[0]).toBeCloseTo(z / Math.sqrt(1 + (z / 3) ** 2), 6);
    expect(encode(encoder, table, [4]).x.data[0]).toBeLessThan(3);
  });

  it('robust scaling falls back to half the range when the quartiles agree, and maps a constant column to 0', () => {
    expect(robustFit(Float64Array.of(0, 0, 0, 0, 8))).toEqual({ center: 0, factor: 1 / (4 + 1e-30) });
    expect(robustFit(Float64Array.of(5, 5, 5))).toEqual({ center: 5, factor: 0 });
    expect(unclip(smoothClip(2.5))).toBeCloseTo(2.5, 9);
  });

  it('merges the rarest levels beyond the cap into other, says so, and maps an unseen category there', () => {
    const wide: LabelledTable = {
      ...table, rows: 8, y: new Int32Array(8), columns: [{ name: 'k', kind: 'categorical', levels: ['a', 'b', 'c', 'd', 'new'], codes: Int32Array.of(0, 0, 0, 1, 1, 2, 3, 4) }],
    };
    const encoder = fitEncoder(wide, [0, 1, 2, 3, 4, 5, 6], { maxCategories: 3 });
    expect(encoder.columns[0]).toEqual({ name: 'k', kind: 'categorical', levels: ['a', 'b'], other: '(other)', missing: null, otherAs: 'c' });
    expect(encoder.notes).toEqual(['column "k": its 2 rarest levels merged into "(other)" (at most 3 levels, --max-categories)']);
    expect([...encode(encoder, wide, [7, 6, 0]).x.data]).toEqual([0, 0, 1, 0, 0, 1, 1, 0, 0]);
    expect(decode(encoder, [0, 0, 1])).toEqual(['c']);
  });

  it('decodes an encoded row back to raw cells: numbers in raw units, empty where the indicator says missing', () => {
    for (const scaling of ['none', 'standard', 'robust'] as const) {
      const encoder = fitEncoder(table, train, { scaling });
      const ds = encode(encoder, table, [0, 1, 2], 'float64');
      const rows = [0, 1, 2].map((i) => decode(encoder, ds.x.data.subarray(i * ds.x.cols, (i + 1) * ds.x.cols)));
      expect(rows.map((r) => r[1])).toEqual(['u', 'v', '']);
      expect(rows[1]![0]).toBe('');
      expect(Number(rows[0]![0])).toBeCloseTo(1, 9);
      expect(Number(rows[2]![0])).toBeCloseTo(3, 9);
    }
  });

  it('drops a column with no value in the training rows, with a note', () => {
    const gappy: LabelledTable = { ...table, columns: [...table.columns, { name: 'g', kind: 'numeric', values: Float64Array.of(NaN, NaN, NaN, NaN, 2) }] };
    const encoder = fitEncoder(gappy, train);
    expect(encoder.columns.map((c) => c.name)).toEqual(['x', 'c']);
    expect(encoder.notes).toEqual(['column "g" has no value in the training rows; dropped']);
  });
});
