import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/internal.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const skewtune = (...args: string[]) => cli(args);

/** A CSV with the label in the middle column: `sizes` rows per class name (seeded). */
function csv(name: string, sizes: Record<string, number>, edit?: (lines: string[]) => void): string {
  const rng = createRng(name);
  const lines = ['x1,label,x2'];
  Object.entries(sizes).forEach(([label, size], c) => {
    for (let i = 0; i < size; i++) lines.push(`${rng.normal(2 * c, 1).toFixed(3)},${label},${rng.normal(2 * c, 1).toFixed(3)}`);
  });
  edit?.(lines);
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const input = csv('data', { neg: 40, pos: 6 });
const inputLines = readFileSync(input, 'utf8').trimEnd().split('\n');
const out = (name: string) => join(dir, `${name}.csv`);
const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');
const labels = (rows: string[]) => rows.slice(1).map((l) => l.split(',')[1]);
const count = (xs: (string | undefined)[], x: string) => xs.filter((v) => v === x).length;

describe('skewtune resample', () => {
  it('balances the classes with SMOTE: same header, original rows first and unchanged', async () => {
    const r = await skewtune('resample', '--input', input, '--output', out('smote'), '--strategy', 'smote', '--k', '5', '--seed', '1');
    expect(r.code).toBe(0);
    const written = lines(out('smote'));
    expect(written.slice(0, inputLines.length)).toEqual(inputLines);
    expect(written.length).toBe(81);
    expect([count(labels(written), 'neg'), count(labels(written), 'pos')]).toEqual([40, 40]);
    expect(r.stdout).toMatch(/neg\s+40\s+40\npos\s+6\s+40\n/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints only {before, after} on stdout with --json, and repeats itself for a seed', async () => {
    const a = await skewtune('resample', '--input', input, '--output', out('a'), '--strategy', 'smote', '--json');
    const b = await skewtune('resample', '--input', input, '--output', out('b'), '--strategy', 'smote', '--json', '--seed', '1');
    const c = await skewtune('resample', '--input', input, '--output', out('c'), '--strategy', 'smote', '--json', '--seed', '2');
    expect(JSON.parse(a.stdout)).toEqual({ before: { neg: 40, pos: 6 }, after: { neg: 40, pos: 40 } });
    expect(a.stdout.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(out('b'), 'utf8')).toBe(readFileSync(out('a'), 'utf8'));
    expect(readFileSync(out('c'), 'utf8')).not.toBe(readFileSync(out('a'), 'utf8'));
    expect([b.code, c.code]).toEqual([0, 0]);
  });

  it('adds provenance columns that locate each synthetic row between its parent and neighbour', async () => {
    const r = await skewtune('resample', '--input', input, '--output', out('prov'), '--strategy', 'smote:k=3', '--provenance');
    expect(r.code).toBe(0);
    const [header, ...rows] = lines(out('prov')).map((l) => l.split(','));
    expect(header).toEqual(['x1', 'label', 'x2', 'origin', 'parent', 'neighbour', 'factor']);
    rows.slice(0, 46).forEach((row, i) => expect(row).toEqual([...inputLines[i + 1]!.split(','), 'original', '', '', '']));
    const source = inputLines.slice(1).map((l) => l.split(','));
    for (const [x1, label, x2, origin, parent, neighbour, factor] of rows.slice(46)) {
      expect([origin, label]).toEqual(['synthetic', 'pos']);
      const p = source[Number(parent) - 1]!;
      const q = source[Number(neighbour) - 1]!;
      const u = Number(factor);
      expect([p[1], q[1]]).toEqual(['pos', 'pos']);
      expect(u >= 0 && u < 1).toBe(true);
      expect(Number(x1)).toBeCloseTo(Number(p[0]) + u * (Number(q[0]) - Number(p[0])), 12);
      expect(Number(x2)).toBeCloseTo(Number(p[2]) + u * (Number(q[2]) - Number(p[2])), 12);
    }
  });

  it('under-samples with random-under, keeping a subset of the original rows', async () => {
    const r = await skewtune('resample', '--input', input, '--output', out('under'), '--strategy', 'random-under', '--json');
    expect(JSON.parse(r.stdout)).toEqual({ before: { neg: 40, pos: 6 }, after: { neg: 6, pos: 6 } });
    const written = lines(out('under'));
    expect(written[0]).toBe(inputLines[0]);
    for (const line of written.slice(1)) expect(inputLines).toContain(line);
  });

  it('warns on stderr, not stdout, when a class is too small for k', async () => {
    const small = csv('small', { a: 20, b: 3 });
    const r = await skewtune('resample', '--input', small, '--output', out('small-out'), '--strategy', 'smote', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).after).toEqual({ a: 20, b: 20 });
    expect(r.stderr).toBe('skewtune: warning: smote: class "b" has 3 samples, so it uses k = 2 neighbours instead of 5\n');
  });
});

describe('skewtune resample on bad input (exit 2, one line, nothing written)', () => {
  const oneSample = csv('one-sample', { a: 10, b: 1 });
  const textual = csv('textual', { a: 10, b: 5 }, (l) => { l[4] = 'abc,a,1.0'; });
  const cases: [string, string[], RegExp][] = [
    ['an unknown strategy', ['--strategy', 'smoet'], /unknown strategy "smoet"; resample takes one of bootstrap, smote/],
    ['--k 0', ['--strategy', 'smote', '--k', '0'], /smote: k must be an integer >= 1, got 0/],
    ['a ratio of 0', ['--strategy', 'smote', '--ratio', '0'], /ratio must be in \(0, 1\].*got 0/],
    ['a missing label column', ['--strategy', 'smote', '--label', 'class'], /no label column "class"/],
    ['a non-numeric cell in a --numeric column', ['--strategy', 'smote', '--input', textual, '--numeric', 'x1'], /data row 4, column "x1": "abc" is not a number/],
    ['an output path in a missing directory', ['--strategy', 'smote', '--output', join(dir, 'missing', 'out.csv')], /the directory .*missing does not exist/],
  ];

  it.each(cases)('%s', async (_, args, message) => {
    const target = out(`bad-${args.join('')}`.replace(/[^\w-]/g, '_'));
    const all = ['resample', '--input', input, '--output', target, ...args];
    const r = await skewtune(...all);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(existsSync(args.includes('--output') ? args[args.indexOf('--output') + 1]! : target)).toBe(false);
  });

  it('a class with one sample for smote, leaving an existing output file as it was', async () => {
    const target = out('existing');
    writeFileSync(target, 'keep me\n');
    const r = await skewtune('resample', '--input', oneSample, '--output', target, '--strategy', 'smote');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('skewtune: smote: class "b" has 1 sample, but interpolation needs at least 2 per class\n');
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('skewtune train with a strategy (acceptance point 5)', () => {
  it('runs smote on long-tailed MNIST and reports macro-F1, balanced accuracy and per-class recall', async () => {
    const r = await skewtune('train', '--dataset', 'mnist', '--imbalance', 'lt:100', '--strategy', 'smote',
      '--hidden', '16', '--epochs', '1', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const { test, dataset } = JSON.parse(r.stdout);
    expect(dataset.train).toEqual([641, 384, 230, 138, 83, 50, 30, 18, 11, 6]);
    expect(test.macroF1).toBeGreaterThan(0.3);
    expect(test.balancedAccuracy).toBeGreaterThan(0.3);
    expect(test.perClass).toHaveLength(10);
    for (const c of test.perClass) expect(c.recall).toEqual(expect.any(Number));
    expect(test).toMatchObject({ weightedF1: expect.any(Number), mcc: expect.any(Number), rocAuc: expect.any(Number), prAuc: expect.any(Number) });
  });
});
