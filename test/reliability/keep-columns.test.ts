import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';

describe('predict --keep given twice', () => {
  it('keeps the columns of both, in order (the second once replaced the first silently)', async () => {
    const dir = tempDir();
    const data = writeText(dir, 'in.csv', `x,label\n${Array.from({ length: 30 }, (_, i) => `${i},${i % 3 ? 'a' : 'b'}`).join('\n')}\n`);
    const model = join(dir, 'm.skt');
    const trained = await cli(['train', '--dataset', `csv:${data}`, '--epochs', '1', '--hidden', '4', '--save', model]);
    expect(trained.code, trained.stderr).toBe(0);
    const rows = writeText(dir, 'rows.csv', 'id,name,x\n7,seven,7\n8,eight,8\n');
    const out = join(dir, 'out.csv');
    const run = await cli(['predict', '--model', model, '--input', rows, '--output', out, '--keep', 'id', '--keep', 'name']);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,name,predicted');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['7,seven', '8,eight']);
    const twice = await cli(['predict', '--model', model, '--input', rows, '--output', out, '--keep', 'id', '--keep', 'id']);
    expect(twice.stderr).toMatch(/--keep names column "id" twice/);
    expect(twice.code).toBe(2);
  }, 60_000);
});
