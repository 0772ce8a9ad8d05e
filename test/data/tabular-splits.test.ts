import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../datasets/csv.ts';
import { createRng, prepareSplits, rowsOf, tabularFolds, type LabelledTable } from '../../src/index.ts';
import { tempDir, writeText } from '../helpers/files.ts';

// x is the row number, except row 0's gap; two balanced classes.
const n = 20;
const table: LabelledTable = {
  name: 't.csv', rows: n, label: 'label', classNames: ['a', 'b'], y: Int32Array.from({ length: n }, (_, i) => i % 2),
  columns: [{ name: 'x', kind: 'numeric', values: Float64Array.from({ length: n }, (_, i) => (i === 0 ? NaN : i)) }],
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe('a table\'s splits and folds', () => {
  it('refits the encoding on each fold\'s training part: a gap there takes that part\'s median, not the whole split\'s', () => {
    const ids = { x: { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i) }, y: table.y, classNames: table.classNames, featureNames: ['row'] };
    const folds = tabularFolds(table, ids, 4, createRng(3), { scaling: 'none' });
    const medians = folds.map((fold) => {
      const train = [...fold.train.x.data].filter((_, j) => j % 2 === 0); // the value column; the indicator follows it
      const rows = [...Array(n).keys()].filter((i) => !fold.validationRows.includes(i));
      const present = rows.filter((i) => i !== 0);
      if (rows.includes(0)) expect(train[rows.indexOf(0)]).toBe(median(present));
      return median(present);
    });
    expect(new Set(medians).size).toBeGreaterThan(1);
  });

  it('with a test file, every training-file row is training or validation, and the test split is the file\'s rows in order', () => {
    const dir = tempDir();
    const lines = Array.from({ length: 30 }, (_, i) => `${i},${i % 3 === 0 ? 'red' : 'blue'},${i % 2 ? 'yes' : 'no'}`);
    const train = writeText(dir, 'train.csv', `x,colour,label\n${lines.join('\n')}\n`);
    const test = writeText(dir, 'test.csv', 'label,colour,x\nyes,green,100\nno,,7\n');
    const splits = prepareSplits(loadCsv(train, { test }), { seed: 1 });
    expect(splits.train.y.length + splits.validation.y.length).toBe(30);
    expect([...rowsOf(splits.tabular!.ids.test)]).toEqual([0, 1]);
    expect([...splits.test.y]).toEqual([1, 0]);
    // "green" was never seen in training and the colour has no (other): no level; the gap has no (missing) level either.
    const { featureNames, categorical } = splits.test;
    expect(featureNames).toEqual(['x', 'colour=blue', 'colour=red']);
    expect(categorical).toEqual([{ name: 'colour', start: 1, levels: ['blue', 'red'] }]);
    expect([...splits.test.x.data].filter((_, j) => j % 3 !== 0)).toEqual([0, 0, 0, 0]);
  });
});
