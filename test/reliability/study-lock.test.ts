import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { cli } from '../helpers/cli.ts';
import { lockFile, lockStudy } from '../../src/search/study-lock.ts';
import { tempDir } from '../helpers/files.ts';

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('the lock of a study directory', () => {
  it('is held by one process: a second taker is refused, naming the holder, until it is released', () => {
    const dir = tempDir();
    const release = lockStudy(dir, () => {});
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => lockStudy(dir, () => {})).toThrow(InputError);
    expect(() => lockStudy(dir, () => {})).toThrow(new RegExp(`the study is in use by process ${process.pid} on ${hostname()} \\(since .*\\), which holds .*study\\.lock`));
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
    lockStudy(dir, () => {})();
  });

  it('left by a process that died is taken over, with a message', () => {
    const dir = tempDir();
    const pid = deadPid();
    writeFileSync(lockFile(dir), JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00Z' }));
    const said: string[] = [];
    const release = lockStudy(dir, (text) => said.push(text));
    expect(said).toEqual([`${dir}: taking over the lock of process ${pid} on ${hostname()}, which is no longer running`]);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('held on another host is not judged from here: refused, with how to clear it', () => {
    const dir = tempDir();
    writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, host: 'elsewhere.example', since: '2026-01-01T00:00:00Z' }));
    expect(() => lockStudy(dir, () => {})).toThrow(/in use by process 1 on elsewhere\.example .* or remove the lock if that process is gone/);
  });

  it('that is empty (a crash between creating and writing it) is stale only once it is old', () => {
    const dir = tempDir();
    writeFileSync(lockFile(dir), '');
    expect(() => lockStudy(dir, () => {})).toThrow(/in use by another process/);
  });

  it('is taken by `report DIR`: a study another process writes is refused naming it, and nothing is written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'study.json'), '{}');
    const release = lockStudy(dir, () => {});
    try {
      const run = await cli(['report', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`the study is in use by process ${process.pid} on `))]);
      expect(existsSync(join(dir, 'README.md'))).toBe(false);
    } finally {
      release();
    }
    // Free again, the same directory is read (and refused as the empty study.json it is, not for the lock).
    const after = await cli(['report', dir]);
    expect(after.stderr).not.toMatch(/in use/);
    expect(existsSync(lockFile(dir))).toBe(false);
  });
});
