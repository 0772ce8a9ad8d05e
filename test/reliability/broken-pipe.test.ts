import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, writeText } from '../helpers/files.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('a reader that goes away (skewtune … | head -1)', () => {
  it('does not end the run with a stack: the command finishes and saves its model', async () => {
    const dir = tempDir();
    const data = writeText(dir, 'in.csv', `x,label\n${Array.from({ length: 30 }, (_, i) => `${i},${i % 3 ? 'a' : 'b'}`).join('\n')}\n`);
    const model = join(dir, 'm.skt');
    const child = spawn(process.execPath, [`${root}/bin/skewtune.js`, 'train', '--dataset', `csv:${data}`, '--epochs', '2', '--hidden', '4', '--save', model], { cwd: root });
    // Closed before the command has printed anything: its first line meets a broken pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(model)).toBe(true);
  }, 60_000);
});
