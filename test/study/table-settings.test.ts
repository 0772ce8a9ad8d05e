import { describe, expect, it } from 'vitest';
import { parseSettings, readSettingsFile } from '../../src/study/settings.ts';
import { InputError } from '../../src/index.ts';
import { tempDir, writeText } from '../helpers/files.ts';

describe('table options in a config file', () => {
  it('reads them, with the test file relative to the config file', () => {
    const dir = tempDir();
    const path = writeText(dir, 'search.json', JSON.stringify({
      dataset: 'csv:train.csv', test: 'csv:test.csv', categorical: ['zip'], numeric: ['age'], missingValues: ['-'], maxCategories: 8, scaling: 'robust',
    }));
    expect(readSettingsFile(path)).toMatchObject({
      dataset: `csv:${dir}/train.csv`, test: `csv:${dir}/test.csv`, categorical: ['zip'], numeric: ['age'], missingValues: ['-'], maxCategories: 8, scaling: 'robust',
    });
  });

  it.each([
    [{ scaling: 'fancy' }, 'search.json: scaling: '],
    [{ maxCategories: 1 }, 'search.json: maxCategories: '],
    [{ test: 'test.csv' }, 'search.json: test: must be csv:PATH'],
    [{ categorical: 'zip' }, 'search.json: categorical: '],
    [{ dataset: 'cifar10' }, 'search.json: dataset: unknown dataset "cifar10"; expected one of mnist, csv:PATH, idx:DIR'],
    [{ dataset: 'csv:' }, 'search.json: dataset: dataset "csv:" needs an argument: csv:PATH'],
  ])('refuses %j, naming the file and the field', (json, message) => {
    expect(() => parseSettings(json, 'search.json')).toThrow(InputError);
    expect(() => parseSettings(json, 'search.json')).toThrow(message);
  });
});
