import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/internal.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

// A class of 300,000 rows: past ~120k, spreading a class's indices into a call overflowed the stack.
const big = 300_000;
const small = 3_000;
const dir = tempDir();
const table = join(dir, 'large.csv');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const rng = createRng('large-class');
  const out = createWriteStream(table);
  out.write('a,b,label\n');
  for (let i = 0; i < big + small; i++) {
    const c = i < big ? 0 : 1;
    const line = `${rng.normal(c, 1).toFixed(2)},${rng.normal(-c, 1).toFixed(2)},${c === 0 ? 'common' : 'rare'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
});

const lineCount = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').length;

describe('a table with a 300,000-row class', () => {
  it('trains, saves and predicts every row', async () => {
    const model = join(dir, 'model.skt');
    const trained = await cli(['train', '--dataset', `csv:${table}`, '--hidden', '4', '--epochs', '1', '--batch-size', '1024', '--save', model, '--json']);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.stdout).test.perClass.map((c: { support: number }) => c.support)).toEqual([big * 0.2, small * 0.2]);
    const predicted = join(dir, 'predicted.csv');
    const run = await cli(['predict', '--model', model, '--input', table, '--output', predicted, '--keep', 'label', '--proba', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rows).toBe(big + small);
    expect(lineCount(predicted)).toBe(big + small + 1);
  });

  it('searches (one round of two one-epoch trials)', async () => {
    const out = join(dir, 'study');
    const r = await cli(['search', '--dataset', `csv:${table}`, '--rounds', '1', '--trials', '2', '--epochs', '1', '--final-epochs', '1',
      '--ensemble', '1', '--recheck', '0', '--workers', '1', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).trials).toBe(2);
  });

  it('resamples with SMOTE', async () => {
    const out = join(dir, 'resampled.csv');
    const r = await cli(['resample', '--input', table, '--output', out, '--strategy', 'smote', '--ratio', '0.02', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ before: { common: big, rare: small }, after: { common: big, rare: 6_000 } });
    expect(lineCount(out)).toBe(big + 6_000 + 1);
  });
});
