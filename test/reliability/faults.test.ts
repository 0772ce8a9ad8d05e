// Fault injection: SIGKILL at points a seeded RNG chooses, and a full disk (an injected ENOSPC,
// where no tmpfs can be mounted). After each, every output is complete or absent, the journal
// parses, a resume finishes the study, and nothing is duplicated or lost.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStudy } from '../../src/search/journal.ts';
import { createRng } from '../../src/tensor/rng.ts';
import { tempDir } from '../helpers/files.ts';
import { killAll, skewtune } from '../helpers/processes.ts';

const fullDisk = new URL('./fixtures/full-disk.mjs', import.meta.url).pathname;
const rng = createRng('fault injection');
const dir = tempDir();
const data = join(dir, 'data.csv');
writeFileSync(data, `x,y,label\n${Array.from({ length: 90 }, (_, i) => `${(i % 11) / 3},${(i * 7) % 5},${i % 3 === 0 ? 'a' : 'b'}`).join('\n')}\n`);
const search = ['search', '--dataset', `csv:${data}`, '--rounds', '2', '--trials', '3', '--epochs', '2', '--final-epochs', '1', '--recheck', '0', '--workers', '1', '--seed', '4'];
const compare = ['compare', '--dataset', `csv:${data}`, '--strategies', 'none,smote', '--seeds', '1', '--epochs', '1', '--hidden', '4'];
const resample = ['resample', '--input', data, '--strategy', 'smote'];

afterAll(killAll);

const temporaries = (path: string) => readdirSync(path).filter((name) => name.endsWith('.tmp'));
const keys = (out: string) => readStudy(out, { repair: false }).trials.map((t) => `${t.round}/${t.index}`);
const journalLines = (out: string) => readFileSync(join(out, 'trials.jsonl'), 'utf8').split('\n').filter((l) => l !== '');

/**
 * Runs skewtune and SIGKILLs it `seconds` after it prints `ready` (after its start when none), or lets it end first;
 * `printed` says whether `ready` came.
 */
async function killedAfter(args: string[], seconds: number, ready?: RegExp): Promise<{ code: number | null; printed: boolean }> {
  const run = skewtune(args);
  const printed = ready ? await run.waitFor(ready, { timeoutMs: 120_000 }).then(() => true, () => false) : true;
  const timer = setTimeout(() => run.signal('SIGKILL'), seconds * 1000);
  const code = await run.exited;
  clearTimeout(timer);
  return { code, printed };
}

describe('SIGKILL at seeded random points', () => {
  // Drawn once, so every run of the suite kills at the same moments.
  const points = Array.from({ length: 3 }, () => rng.uniform());

  // Each search is killed after a line of its own output, so on any machine the kill comes while it runs (a time
  // after its start came after its end on a fast one): the study's first line (the workers start) or the end of its
  // k-th trial of 6, then a random part of a tenth of a second later. Stratified: the three kills fall in the first,
  // middle and last third of those seven lines; the last is the end of trial 6, which the final training follows.
  const searchKills = points.map((point, i) => {
    const at = ((i + point) * 7) / 3;
    return { line: Math.floor(at), delay: Number(((at % 1) / 10).toFixed(3)) };
  });

  it.concurrent.each(searchKills)('search killed $delay s after line $line: the journal parses, and --resume finishes it with each trial once', async ({ line, delay }) => {
    const out = join(tempDir(), 'study');
    const { printed } = await killedAfter([...search, '--out', out], delay, line === 0 ? /^study /m : new RegExp(`^\\[${line}/6\\] round`, 'm'));
    // The line the kill waits for came: else the kill came after the search's end, and the test would show nothing.
    expect(printed).toBe(true);
    if (!existsSync(join(out, 'study.json'))) return expect(existsSync(join(out, 'trials.jsonl'))).toBe(false);
    for (const line of journalLines(out).slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
    const resumed = skewtune(['search', '--out', out, '--resume', '--json']);
    expect(await resumed.exited, resumed.stderr()).toBe(0);
    expect(keys(out).sort()).toEqual(['1/0', '1/1', '1/2', '2/0', '2/1', '2/2']);
    expect(journalLines(out)).toHaveLength(6);
    expect(temporaries(out)).toEqual([]);
    expect(existsSync(join(out, 'study.lock'))).toBe(false);
  }, 240_000);

  it.concurrent.each(points)('resample killed at %f of its run: the output is complete or absent', async (point) => {
    const out = tempDir();
    const reference = join(out, 'reference.csv');
    expect((await skewtune([...resample, '--output', reference]).exited)).toBe(0);
    const target = join(out, 'out.csv');
    await killedAfter([...resample, '--output', target], 0.5 + point * 3);
    if (existsSync(target)) expect(readFileSync(target, 'utf8')).toBe(readFileSync(reference, 'utf8'));
    await skewtune([...resample, '--output', target]).exited;
    expect(temporaries(out)).toEqual([]);
  }, 240_000);

  it.concurrent.each(points.slice(0, 2))('compare killed at %f of its run: the report is complete or absent, and the next run clears leftovers', async (point) => {
    const out = join(tempDir(), 'comparison');
    await killedAfter([...compare, '--out', out], point * 4, /seed 1:/);
    if (existsSync(join(out, 'report.json'))) expect(() => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).not.toThrow();
    const again = skewtune([...compare, '--out', out]);
    expect(await again.exited, again.stderr()).toBe(0);
    expect(temporaries(out)).toEqual([]);
  }, 240_000);
});

describe('a full disk', () => {
  const env = (target: string, after: number) => ({ NODE_OPTIONS: `--import ${fullDisk}`, SKEWTUNE_FULL_DISK: target, SKEWTUNE_FULL_AFTER: String(after) });

  it('during search: exit 1 with one line naming the journal, no torn line, and the study resumes', async () => {
    const out = join(tempDir(), 'study');
    const run = skewtune([...search, '--out', out], env('trials.jsonl', 2));
    expect(await run.exited).toBe(1);
    expect(run.stderr().trimEnd().split('\n'), run.stderr()).toHaveLength(1);
    expect(run.stderr()).toMatch(/trials\.jsonl: no space left on the device \(ENOSPC, write\)/);
    // The journal keeps the trials written before the disk filled, in whole lines: the torn half line was cut.
    expect(readFileSync(join(out, 'trials.jsonl'), 'utf8')).toMatch(/^(\{.*\}\n)+$/);
    const resumed = skewtune(['search', '--out', out, '--resume']);
    expect(await resumed.exited, resumed.stderr()).toBe(0);
    expect(keys(out)).toHaveLength(6);
  }, 240_000);

  it.concurrent.each([
    ['compare', [...compare, '--out'], 'README.md', 'README.md'],
    ['resample', [...resample, '--output'], 'out.csv', 'out.csv'],
  ])('during %s: exit 1 with one line, no output and no temporary file left', async (_, args, target, name) => {
    const out = tempDir();
    const path = name === 'README.md' ? out : join(out, name);
    const run = skewtune([...args, path], env(target, 0));
    expect(await run.exited).toBe(1);
    // Progress lines come before; the error is one line, the last, naming the file asked for.
    const lines = run.stderr().trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('skewtune:')), run.stderr()).toEqual([lines.at(-1)]);
    expect(lines.at(-1)).toMatch(new RegExp(`${name.replace('.', '\\.')}: no space left on the device \\(ENOSPC, write\\)`));
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    expect(existsSync(join(out, name))).toBe(false);
    expect(temporaries(out)).toEqual([]);
  }, 240_000);
});
