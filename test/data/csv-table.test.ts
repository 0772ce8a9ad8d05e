import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readTable } from '../../datasets/csv-table.ts';
import { cellNumber } from '../../datasets/csv-cells.ts';
import { InputError } from '../../src/index.ts';
import { tempDir, writeText } from '../helpers/files.ts';

const csv = (text: string) => writeText(tempDir(), 'd.csv', text);

describe('reading a CSV as typed columns', () => {
  it('infers numeric and categorical columns, with NaN and −1 for missing cells', () => {
    const { table, notes } = readTable(csv('x,colour,label\n1.5,red,a\nNA,,b\n?,blue,a\n-2,N/A,b\n'), {});
    const [x, colour] = table.columns;
    expect(x).toMatchObject({ name: 'x', kind: 'numeric' });
    expect([...(x as { values: Float64Array }).values]).toEqual([1.5, NaN, NaN, -2]);
    expect(colour).toMatchObject({ name: 'colour', kind: 'categorical', levels: ['red', 'blue'] });
    expect([...(colour as { codes: Int32Array }).codes]).toEqual([0, -1, 1, -1]);
    expect([...table.y]).toEqual([0, 1, 0, 1]);
    expect(notes).toEqual([]);
  });

  it('takes --categorical and --numeric over the inference, and --missing-values over the default list', () => {
    const path = csv('zip,n,label\n01234,7,a\n99999,-,b\n');
    const { table } = readTable(path, { categorical: ['zip'], missingValues: ['-'] });
    expect(table.columns[0]).toMatchObject({ kind: 'categorical', levels: ['01234', '99999'] });
    expect([...(table.columns[1] as { values: Float64Array }).values]).toEqual([7, NaN]);
    expect(() => readTable(path, { numeric: ['n'] })).toThrow('d.csv, data row 2, column "n": "-" is not a number (--numeric)');
  });

  it('drops a column empty in every row, with a note', () => {
    const path = csv('x,empty,label\n1,,a\n2,NA,b\n');
    const { table, notes } = readTable(path, {});
    expect(table.columns.map((c) => c.name)).toEqual(['x']);
    expect(notes).toEqual([`column "empty" of ${path} is empty in every row; dropped`]);
  });

  it('reads a column that turns to text after a thousand distinct numbers again, keeping every text as written', () => {
    const cells = Array.from({ length: 1500 }, (_, i) => `${i}.0`);
    cells.push('late text');
    const path = csv(`x,label\n${cells.map((c, i) => `${c},${i % 2}`).join('\n')}\n`);
    const column = readTable(path, {}).table.columns[0] as unknown as { kind: string; levels: string[]; codes: Int32Array };
    expect(column.kind).toBe('categorical');
    expect(column.levels.length).toBe(1501);
    expect(column.levels[column.codes[10]!]).toBe('10.0');
    expect(column.levels[column.codes[1500]!]).toBe('late text');
  });

  it('reads a file larger than one chunk the same as a small one (records split across chunks)', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i % 97}.25,"level, ${i % 5}",${i % 3}`);
    const { table } = readTable(csv(`x,c,label\n${rows.join('\n')}\n`), {});
    expect(table.rows).toBe(60_000);
    expect((table.columns[0] as { values: Float64Array }).values[59_999]).toBe((59_999 % 97) + 0.25);
    expect((table.columns[1] as unknown as { levels: string[] }).levels).toEqual(['level, 0', 'level, 1', 'level, 2', 'level, 3', 'level, 4']);
  });

  it.each([
    ['a missing label', 'x,label\n1,a\n2,NA\n', 'd.csv, data row 2, column "label": the label "NA" marks a missing value'],
    ['an empty label', 'x,label\n1,a\n2,\n', 'd.csv, data row 2, column "label": the label is empty'],
    ['rows with differing cell counts', 'x,y,label\n1,2,a\n3,b\n', 'd.csv, data row 2: 2 fields, but the header has 3'],
    ['--categorical naming no column', 'x,label\n1,a\n2,b\n', '--categorical names no column "z" of'],
  ])('refuses %s in one line naming the place', (name, text, message) => {
    const path = csv(text);
    const run = () => readTable(path, name.startsWith('--categorical') ? { categorical: ['z'] } : {});
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });

  it('refuses a categorical column of over 100,000 distinct values, naming the file and column', () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `id${i},${i % 2}`);
    const path = csv(`code,label\n${rows.join('\n')}\n`);
    expect(() => readTable(path, {})).toThrow(`${path}, column "code": over 100,000 distinct values`);
  });

  it('reads a test file with the training file\'s schema: its types, its classes; an unseen class is refused by name', () => {
    const train = readTable(csv('x,c,label\n1,u,a\n2,v,b\n'), {});
    const dir = tempDir();
    const test = readTable(writeText(dir, 't.csv', 'c,label,x\n7,b,3\n'), { schema: train.schema, classes: train.table.classNames });
    expect(test.table.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['c:categorical', 'x:numeric']);
    expect([...test.table.y]).toEqual([1]);
    const unseen = writeText(dir, 'u.csv', 'x,c,label\n1,u,zebra\n');
    expect(() => readTable(unseen, { schema: train.schema, classes: train.table.classNames })).toThrow('class "zebra" of column "label" is not in the training file');
    const other = writeText(dir, 'o.csv', 'x,d,label\n1,u,a\n');
    expect(() => readTable(other, { schema: train.schema })).toThrow(`${other}: its columns differ from the training file ${train.schema.source}'s: "c" is missing, "d" is not in it`);
    const text = writeText(dir, 'n.csv', 'x,c,label\nabc,u,a\n');
    expect(() => readTable(text, { schema: train.schema })).toThrow(`column "x": "abc" is not a number, but column "x" is numeric in the training file`);
  });
});

describe('column-type inference (fuzzed)', () => {
  const cell = fc.oneof(fc.constantFrom('', 'NA', 'N/A', '?', 'NaN'), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.integer().map(String),
    fc.string({ maxLength: 6 }).map((s) => s.replace(/[",\r\n]/g, '').trim()));
  it('a column is numeric exactly when every cell that is not missing is a plain decimal, and numbers read back as written', () => {
    const dir = tempDir();
    fc.assert(fc.property(fc.array(cell, { minLength: 2, maxLength: 30 }), (cells) => {
      const missing = new Set(['', 'NA', 'N/A', '?', 'NaN']);
      const present = cells.filter((c) => !missing.has(c));
      const rows = cells.map((c, i) => `${c === '' ? '' : `"${c}"`},${i % 2},1`);
      const path = writeText(dir, 'f.csv', `x,label,k\n${rows.join('\n')}\n`);
      const columns = readTable(path, { label: 'label' }).table.columns;
      const x = columns.find((c) => c.name === 'x');
      if (present.length === 0) {
        expect(x).toBeUndefined();
        return;
      }
      const numeric = present.every((c) => typeof cellNumber(c) === 'number');
      expect(x!.kind).toBe(numeric ? 'numeric' : 'categorical');
      if (x!.kind === 'numeric') cells.forEach((c, i) => expect(x!.values[i]).toBe(missing.has(c) ? NaN : Number(c)));
      else cells.forEach((c, i) => expect(missing.has(c) ? x!.codes[i] : x!.levels[x!.codes[i]!]).toBe(missing.has(c) ? -1 : c));
    }), { seed: 20, numRuns: 200 });
  });
});
