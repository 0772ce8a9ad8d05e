import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetEntries, loadDataset } from '../../datasets/registry.ts';
import { datasetHash, InputError } from '../../src/internal.ts';
import { tempDir, writeIdx, writeText } from '../helpers/files.ts';

/** For each dataset form, a spec that loads (made on disk here) and, for a family, one whose argument names nothing. */
const fixtures: Record<string, () => { spec: string; missing?: string }> = {
  mnist: () => ({ spec: 'mnist' }),
  'csv:PATH': () => {
    const dir = tempDir();
    return { spec: `csv:${writeText(dir, 'd.csv', 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8.5,y\n')}`, missing: `csv:${join(dir, 'none.csv')}` };
  },
  'idx:DIR': () => {
    const dir = tempDir();
    writeIdx(dir, 'train', [0, 1, 2, 1], 2, false);
    writeIdx(dir, 't10k', [2, 0], 2, true);
    return { spec: `idx:${dir}`, missing: `idx:${join(dir, 'none')}` };
  },
};

describe('every registered dataset has a contract fixture', () => {
  it('names a fixture for each form', () => {
    expect(datasetEntries.map((e) => e.form).filter((form) => !Object.hasOwn(fixtures, form))).toEqual([]);
  });
});

describe.each(datasetEntries.map((e) => [e.form, e] as const))('dataset contract: %s', (form, entry) => {
  const fixture = fixtures[form]!();

  it('loads a consistent source named by its spec: one label per row, each naming a class, finite features', () => {
    const source = loadDataset(fixture.spec);
    expect(source.name).toBe(fixture.spec);
    for (const ds of [source.data, ...(source.test ? [source.test] : [])]) {
      expect(ds.x.rows).toBe(ds.y.length);
      expect(ds.x.rows).toBeGreaterThan(0);
      expect([...ds.y].every((y) => Number.isInteger(y) && y >= 0 && y < ds.classNames.length)).toBe(true);
      expect(ds.x.data.every(Number.isFinite)).toBe(true);
    }
    expect(source.test?.x.cols ?? source.data.x.cols).toBe(source.data.x.cols);
    expect(entry.description.length).toBeGreaterThan(0);
  });

  it('gives the same data for the same spec', () => {
    const [a, b] = [loadDataset(fixture.spec), loadDataset(fixture.spec)];
    expect(b.data.classNames).toEqual(a.data.classNames);
    // A hash of the rows and labels: comparing 7.8 million floats one by one would take minutes.
    expect(datasetHash(b.data)).toBe(datasetHash(a.data));
  });

  it('refuses a spec of the wrong shape with an InputError naming it', () => {
    const family = form.includes(':');
    const wrong = family ? form.slice(0, form.indexOf(':')) : `${form}:extra`;
    expect(() => loadDataset(wrong)).toThrow(InputError);
    expect(() => loadDataset(wrong)).toThrow(family ? `needs an argument: ${form}` : `takes no argument, got "${wrong}"`);
  });

  const missing = fixture.missing;
  if (missing !== undefined) {
    it('refuses an argument that names nothing with an InputError naming it', () => {
      expect(() => loadDataset(missing)).toThrow(InputError);
      expect(() => loadDataset(missing)).toThrow(missing.slice(missing.indexOf(':') + 1));
    });
  }
});
