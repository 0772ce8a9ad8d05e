import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../datasets/csv.ts';
import { loadIdx } from '../../datasets/idx.ts';
import { loadDataset } from '../../datasets/registry.ts';
import { classCounts, InputError } from '../../src/index.ts';
import { tempDir, writeIdx, writeText } from '../helpers/files.ts';

describe('csv:PATH', () => {
  it('reads a header, a label column anywhere and numeric features; orders numeric labels as numbers', () => {
    const path = writeText(tempDir(), 'd.csv', 'a,label,b\n1,10,2\n3,2,4\n5,10,6.5\n');
    const source = loadCsv(path);
    expect(source.data.classNames).toEqual(['2', '10']);
    expect([...source.data.y]).toEqual([1, 0, 1]);
    expect(source.data.featureNames).toEqual(['a', 'b']);
    expect([...source.data.x.data]).toEqual([1, 2, 3, 4, 5, 6.5]);
    expect(source.standardize).toBe(true);
  });

  it('takes another label column with --label', () => {
    const path = writeText(tempDir(), 'd.csv', 'kind,x\ncat,1\ndog,2\n');
    expect(loadCsv(path, { label: 'kind' }).data.classNames).toEqual(['cat', 'dog']);
  });

  it.each([
    ['an empty file', '', /d\.csv: the file is empty/],
    ['a ragged row', 'x,label\n1,a\n2\n', /d\.csv, data row 2: 1 fields, but the header has 2/],
    ['a non-numeric cell in a column named numeric', 'x,label\n1,a\nabc,b\n', /d\.csv, data row 2, column "x": "abc" is not a number \(--numeric\)/],
    ['Infinity in a column named numeric', 'x,label\n1,a\n-Infinity,b\n', /data row 2, column "x": "-Infinity" is not a finite number/],
    ['no label column', 'x,y\n1,2\n', /no label column "label" in the header \(columns: x, y\)/],
    ['a single class', 'x,label\n1,a\n2,a\n', /has a single class \("a"\)/],
  ])('rejects %s with the file and place', (_, text, message) => {
    const path = writeText(tempDir(), 'd.csv', text);
    expect(() => loadCsv(path, { numeric: ['x'] })).toThrow(InputError);
    expect(() => loadCsv(path, { numeric: ['x'] })).toThrow(message);
  });
});

describe('idx:DIR', () => {
  it.each([true, false])('reads MNIST-format files (gzipped: %s), with t10k as the test split', (gzip) => {
    const dir = tempDir();
    writeIdx(dir, 'train', [0, 1, 2, 1, 0], 2, gzip);
    writeIdx(dir, 't10k', [2, 0], 2, gzip);
    const source = loadIdx(dir);
    expect(source.data.x.rows).toBe(5);
    expect(source.data.x.cols).toBe(4);
    expect(source.data.x.data[4]).toBeCloseTo(20 / 255, 6);
    expect([...source.test!.y]).toEqual([2, 0]);
    expect(source.data.classNames).toEqual(['0', '1', '2']);
  });

  it('rejects a wrong magic number and truncated data, naming the file', () => {
    const dir = tempDir();
    writeIdx(dir, 'train', [0, 1], 2, false);
    writeIdx(dir, 't10k', [0, 1], 2, false);
    writeText(dir, 't10k-labels-idx1-ubyte', 'not an idx file at all');
    expect(() => loadIdx(dir)).toThrow(/t10k-labels-idx1-ubyte: wrong magic number 0x6e6f7420, expected 0x00000801/);
    const bad = tempDir();
    writeIdx(bad, 'train', [0, 1, 1], 3, false);
    writeIdx(bad, 't10k', [0, 1], 3, false);
    const images = `${bad}/train-images-idx3-ubyte`;
    writeText(bad, 'train-images-idx3-ubyte', '');
    const header = Buffer.alloc(20);
    header.writeUInt32BE(0x803, 0);
    header.writeUInt32BE(3, 4);
    header.writeUInt32BE(3, 8);
    header.writeUInt32BE(3, 12);
    writeText(bad, 'train-images-idx3-ubyte', header.toString('latin1'));
    expect(() => loadIdx(bad)).toThrow(`${images}: truncated data: the header says 3×3×3 (43 bytes), the file has 20`);
  });
});

describe('dataset registry', () => {
  it('loads mnist: 10,000 digits of 784 pixels in [0, 1], about 1,000 a class', () => {
    const { data } = loadDataset('mnist');
    expect(data.x.rows).toBe(10000);
    expect(data.x.cols).toBe(784);
    expect(data.x.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    classCounts(data).forEach((n) => expect(n).toBeGreaterThan(800));
  });

  it('names the known forms for an unknown dataset', () => {
    expect(() => loadDataset('cifar')).toThrow('unknown dataset "cifar"; expected one of mnist, csv:PATH, idx:DIR');
    expect(() => loadDataset('csv:')).toThrow('needs an argument: csv:PATH');
  });
});
