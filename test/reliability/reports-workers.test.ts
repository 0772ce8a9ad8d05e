import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerLimit } from '../../src/worker-limit.ts';
import { tempDir } from '../helpers/files.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run reports -- ARGS`, as the script runs it. */
const reports = (args: string[]) => new Promise<{ code: number; stderr: string }>((resolve) => {
  execFile(process.execPath, ['--import', 'tsx', 'reports/generate.ts', ...args], { cwd: root }, (error, _stdout, stderr) => {
    resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
  });
});

describe('npm run reports -- --workers', () => {
  it('is bounded by the machine, as search and compare are, before any experiment runs', async () => {
    const { max } = workerLimit();
    const run = await reports(['--out', tempDir(), '--workers', String(max + 1), 'learning-rate']);
    expect(run.stderr).toMatch(new RegExp(`--workers must be an integer >= 1 and <= ${max} on this machine \\(4 a core, at least 8, .*got "${max + 1}"`));
    expect(run.code).toBe(2);
    const hex = await reports(['--out', tempDir(), '--workers', '0x2', 'learning-rate']);
    expect(hex.stderr).toMatch(/got "0x2"/);
    expect(hex.code).toBe(2);
  }, 60_000);
});
