import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeLeftovers, writeFileAtomic } from '../../src/files/write-atomic.ts';
import { tempDir, writeText } from '../helpers/files.ts';

const dead = spawnSync(process.execPath, ['-e', '']).pid!;
// Another live process, so its temporary file belongs to a writer still at work.
const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
afterAll(() => live.kill('SIGKILL'));

describe('temporary files of killed runs', () => {
  it('are removed by the next write of the same file; a live process\'s are left alone', () => {
    const dir = tempDir();
    writeText(dir, `out.csv.${dead}.tmp`, 'half a fi');
    writeText(dir, `out.csv.${live.pid}.tmp`, 'being written');
    writeText(dir, `other.csv.${dead}.tmp`, 'not ours to judge');
    writeFileAtomic(join(dir, 'out.csv'), 'x\n');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('x\n');
    expect(existsSync(join(dir, `out.csv.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(dir, `out.csv.${live.pid}.tmp`))).toBe(true);
    expect(existsSync(join(dir, `other.csv.${dead}.tmp`))).toBe(true);
  });

  it('are all removed from a directory the tool owns (a study, a report)', () => {
    const dir = tempDir();
    writeText(dir, `study.json.${dead}.tmp`, '{');
    writeText(dir, `README.md.${dead}.tmp`, '#');
    writeText(dir, 'notes.tmp', 'no pid: not a temporary of ours');
    removeLeftovers(dir);
    expect(existsSync(join(dir, `study.json.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(dir, `README.md.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(dir, 'notes.tmp'))).toBe(true);
  });
});
