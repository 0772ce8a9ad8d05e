import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettingsFile } from '../../src/study/settings.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';

const rows = `x,y,label\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 4 === 0 ? 'a' : 'b'}`).join('\n')}\n`;
const tiny = { rounds: 1, trials: 2, epochs: 1, finalEpochs: 1, recheck: 0, params: { hidden: { kind: 'choice', values: [[4]] } } };

describe("a config file's relative dataset path", () => {
  it('is read from the config file\'s folder when the search runs from elsewhere, and study.json records it absolute', async () => {
    const root = tempDir();
    const folder = join(root, 'other', 'dir');
    mkdirSync(folder, { recursive: true });
    writeText(folder, 'data.csv', rows);
    const config = writeText(folder, 'search.json', JSON.stringify({ dataset: 'csv:data.csv', ...tiny }));
    const cwd = join(root, 'elsewhere');
    mkdirSync(cwd);
    // From the current directory it was "elsewhere/data.csv: no such file".
    const run = await cli(['search', '--config', join('..', 'other', 'dir', 'search.json'), '--workers', '1', '--out', 'study', '--json'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const study = JSON.parse(readFileSync(join(cwd, 'study', 'study.json'), 'utf8')) as { config: { dataset: string } };
    expect(study.config.dataset).toBe(`csv:${join(folder, 'data.csv')}`);
    expect(readSettingsFile(config).dataset).toBe(`csv:${join(folder, 'data.csv')}`);
  }, 60_000);

  it('keeps absolute paths and names without a path; idx: directories resolve the same way', () => {
    const folder = tempDir();
    const read = (dataset: string) => readSettingsFile(writeText(folder, 'search.json', JSON.stringify({ dataset }))).dataset;
    expect(read('csv:/data/a.csv')).toBe('csv:/data/a.csv');
    expect(read('mnist')).toBe('mnist');
    expect(read('idx:fashion')).toBe(`idx:${join(folder, 'fashion')}`);
    expect(read('csv:../up.csv')).toBe(`csv:${join(folder, '..', 'up.csv')}`);
  });

  it('--dataset on the command line still reads from the current directory, over the config\'s', async () => {
    const cwd = tempDir();
    writeText(cwd, 'here.csv', rows);
    const config = writeText(tempDir(), 'search.json', JSON.stringify({ dataset: 'csv:missing.csv', ...tiny }));
    const run = await cli(['search', '--config', config, '--dataset', 'csv:here.csv', '--workers', '1', '--out', 'study', '--json'], cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'study', 'study.json'), 'utf8')).config.dataset).toBe(`csv:${join(cwd, 'here.csv')}`);
  }, 60_000);
});
