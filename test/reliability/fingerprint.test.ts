import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { absoluteDatasetSpec, checkFingerprint, dataFingerprint } from '../../src/search/fingerprint.ts';
import { tempDir, writeIdx, writeText } from '../helpers/files.ts';

describe('the data fingerprint of a study', () => {
  it('changes with any byte of a CSV file, even a shift that standardisation would hide', () => {
    const path = writeText(tempDir(), 'd.csv', 'x,label\n1,a\n2,b\n');
    const before = dataFingerprint(`csv:${path}`);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(dataFingerprint(`csv:${path}`)).toBe(before);
    writeText(join(path, '..'), 'd.csv', 'x,label\n2,a\n3,b\n');
    expect(dataFingerprint(`csv:${path}`)).not.toBe(before);
  });

  it('covers the IDX files of a directory, and names a dataset without files by its name', () => {
    const dir = tempDir();
    writeIdx(dir, 'train', [0, 1], 2, false);
    writeIdx(dir, 't10k', [0, 1], 2, false);
    const before = dataFingerprint(`idx:${dir}`);
    writeIdx(dir, 't10k', [1, 0], 2, false);
    expect(dataFingerprint(`idx:${dir}`)).not.toBe(before);
    expect(dataFingerprint('mnist')).toBe(dataFingerprint('mnist'));
  });

  it('refuses a resume on changed data with both fingerprints, and lets an older study without one through', () => {
    expect(() => checkFingerprint('s/study.json', 'csv:/d.csv', 'aaaa', 'bbbb')).toThrow(InputError);
    expect(() => checkFingerprint('s/study.json', 'csv:/d.csv', 'aaaa', 'bbbb'))
      .toThrow('s/study.json: the data of csv:/d.csv changed since the study started (fingerprint aaaa then, bbbb now)');
    expect(() => checkFingerprint('s/study.json', 'csv:/d.csv', undefined, 'bbbb')).not.toThrow();
  });
});

describe('dataset paths in a study', () => {
  it.each([
    ['csv:data.csv', '/home/me', 'csv:/home/me/data.csv'],
    ['idx:../digits', '/home/me/runs', 'idx:/home/me/digits'],
    ['csv:/srv/data.csv', '/home/me', 'csv:/srv/data.csv'],
    ['mnist', '/home/me', 'mnist'],
  ])('%s from %s is recorded as %s', (spec, cwd, recorded) => {
    expect(absoluteDatasetSpec(spec, cwd)).toBe(recorded);
  });
});
