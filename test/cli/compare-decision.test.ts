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
      '--epochs', '2', '--batch-size', '32', '--lr', '0.01', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
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
