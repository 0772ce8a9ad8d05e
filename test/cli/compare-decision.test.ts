import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { seededRows } from '../model/fixtures.ts';

describe('skewtune compare shows decision rules and calibration per strategy', () => {
  it('a table of rules with ECE and Brier for each strategy, and a reliability diagram', async () => {
    const dir = tempDir();
    const csv = writeText(dir, 'data.csv', seededRows(300, 3, 2));
    const out = join(dir, 'out');
    const result = await cli(['compare', '--dataset', `csv:${csv}`, '--strategies', 'none,smote', '--seeds', '2', '--hidden', '6',
      '--epochs', '2', '--batch-size', '32', '--lr', '0.01', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { decision: { strategy: string; rules: { rule: string; ece: { mean: number }; bins?: unknown }[] }[] };
    expect(printed.decision.map((d) => [d.strategy, d.rules.map((r) => r.rule)])).toEqual([
      ['none', ['argmax', 'temperature', 'prior', 'tuned']], ['smote', ['argmax', 'temperature', 'prior', 'tuned']]]);
    expect(printed.decision[0]!.rules[0]!.bins).toBeUndefined();
    const markdown = readFileSync(join(out, 'README.md'), 'utf8');
    const section = markdown.slice(markdown.indexOf('## Decision rules and calibration'), markdown.indexOf('## Reproduce'));
    for (const strategy of ['none', 'smote']) expect(section).toContain(`### ${strategy}\n`);
    for (const rule of ['argmax', 'temperature', 'prior', 'tuned']) expect(section).toMatch(new RegExp(`\\| ${rule} +\\| \\d\\.\\d{3} \\(`));
    expect(section).toContain('![reliability](reliability.svg)');
    expect(existsSync(join(out, 'reliability.svg'))).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { decision: { panel: string; rules: { rule: string; ece: { mean: number } }[] }[] };
    expect(json.decision.map((d) => d.panel)).toEqual(['none', 'smote']);
    for (const panel of json.decision) for (const r of panel.rules) expect(r.ece.mean).toBeGreaterThanOrEqual(0);
  });
});

describe('skewtune compare --cv', () => {
  it('scores each strategy by K-fold of the training split: a section with the mean over folds and their spread', async () => {
    const dir = tempDir();
    const csv = writeText(dir, 'data.csv', seededRows(200, 3, 2, 9));
    const out = join(dir, 'out');
    const result = await cli(['compare', '--dataset', `csv:${csv}`, '--strategies', 'none,smote', '--seeds', '2', '--hidden', '6',
      '--epochs', '2', '--batch-size', '32', '--lr', '0.01', '--cv', '3', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const markdown = readFileSync(join(out, 'README.md'), 'utf8');
    expect(markdown).toMatch(/## Cross-validated on the training split \(3 folds\)\n[^]*\| none +\| \d\.\d{3} \(/);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      crossValidation: { k: number; strategies: { name: string; perSeed: number[]; macroF1: { mean: number } }[] };
    };
    expect(json.crossValidation.k).toBe(3);
    for (const s of json.crossValidation.strategies) {
      expect(s.perSeed).toHaveLength(2);
      expect(s.macroF1.mean).toBeCloseTo((s.perSeed[0]! + s.perSeed[1]!) / 2, 12);
    }
  });

  it.each([
    ['--cv 1', ['--cv', '1'], /option '--cv <k>' argument '1' is invalid\. must be an integer >= 2/],
    ['--repeats without --cv', ['--repeats', '2'], /--repeats 2 needs --cv K/],
    ['--cv above the rows', ['--cv', '999'], /--cv 999: the training split has only \d+ rows/],
  ])('%s: exit 2, one line, no report', async (_, args, message) => {
    const dir = tempDir();
    const csv = writeText(dir, 'data.csv', seededRows(60, 2, 2));
    const out = join(dir, 'out');
    const result = await cli(['compare', '--dataset', `csv:${csv}`, '--strategies', 'none', '--seeds', '1', '--epochs', '1', '--out', out, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
