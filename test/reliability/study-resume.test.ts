import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

// A tiny study: 2 rounds × 3 trials of 1 epoch on 60 rows, one worker thread, no honesty check.
const rows = (shift: number) => Array.from({ length: 60 }, (_, i) => `${(i % 7) + shift},${(i * 3) % 5},${i % 3 === 0 ? 'a' : 'b'}`);
const tiny = ['--rounds', '2', '--trials', '3', '--epochs', '1', '--final-epochs', '1', '--recheck', '0', '--workers', '1', '--seed', '3'];

interface Line { round: number; index: number }
const journal = (out: string): Line[] => readFileSync(join(out, 'trials.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);

/** A finished study made from a relative dataset path, then cut back to its first trial as if killed. */
async function killedStudy(): Promise<{ dir: string; out: string }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'data.csv'), `x,y,label\n${rows(0).join('\n')}\n`);
  const out = join(dir, 'study');
  const first = await cli(['search', '--dataset', 'csv:data.csv', '--out', out, ...tiny], dir);
  expect(first.code, first.stderr).toBe(0);
  const lines = readFileSync(join(out, 'trials.jsonl'), 'utf8').split('\n');
  writeFileSync(join(out, 'trials.jsonl'), `${lines[0]}\n`);
  return { dir, out };
}

describe('resuming a study', () => {
  it('records the dataset by its absolute path, so --resume works from another directory', async () => {
    const { dir, out } = await killedStudy();
    expect(JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')).config.dataset).toBe(`csv:${join(dir, 'data.csv')}`);
    const resumed = await cli(['search', '--out', out, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(journal(out)).toHaveLength(6);
    const report = await cli(['report', out, '--json']);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toEqual({ report: join(out, 'README.md'), from: 'report.json' });
  }, 240_000);

  it('two --resume at once: one proceeds, the other exits 2 naming the lock\'s holder; no trial is journaled twice', async () => {
    const { out } = await killedStudy();
    const runs = await Promise.all([cli(['search', '--out', out, '--resume']), cli(['search', '--out', out, '--resume'])]);
    const codes = runs.map((r) => r.code).sort();
    expect(codes, runs.map((r) => r.stderr).join('\n')).toEqual([0, 2]);
    const refused = runs.find((r) => r.code === 2)!;
    expect(refused.stderr).toMatch(/study: the study is in use by process \d+ on \S+ \(since .*\), which holds .*study\.lock/);
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    const keys = journal(out).map((t) => `${t.round}/${t.index}`);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
  }, 240_000);

  it('refuses, with exit 2 and both fingerprints, a study whose data changed since it started', async () => {
    const { dir, out } = await killedStudy();
    const recorded = JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')).fingerprint as string;
    expect(recorded).toMatch(/^[0-9a-f]{16}$/);
    writeFileSync(join(dir, 'data.csv'), `x,y,label\n${rows(1).join('\n')}\n`);
    const resumed = await cli(['search', '--out', out, '--resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(new RegExp(`study\\.json: the data of csv:.*data\\.csv changed since the study started \\(fingerprint ${recorded} then, [0-9a-f]{16} now\\)`));
    expect(journal(out)).toHaveLength(1);
  }, 240_000);
});
