import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/internal.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { reportContract } from '../helpers/report-contract.ts';

// A small imbalanced CSV whose class and column names try to break the report.
const classes = ['a|b', '`tick`', '<script>alert(1)</script>'];
const sizes = [240, 60, 24];

function hostileCsv(): string {
  const rng = createRng('compare');
  const rows = classes.flatMap((name, c) => Array.from({ length: sizes[c]! }, () =>
    [rng.normal(c, 0.8).toFixed(4), rng.normal(-c, 0.8).toFixed(4), `"${name.replace(/"/g, '""')}"`].join(',')));
  return `"x|1","<b>y</b>",label\n${rows.join('\n')}\n`;
}

const args = (csv: string, out: string) => ['compare', '--dataset', `csv:${csv}`, '--strategies', 'none,smote:k=3,focal', '--seeds', '2',
  '--hidden', '8', '--epochs', '3', '--batch-size', '32', '--lr', '0.01', '--out', out];

describe('skewtune compare', () => {
  const dir = tempDir();
  const csv = writeText(dir, 'hostile.csv', hostileCsv());
  const [outA, outB] = [join(dir, 'a'), join(dir, 'b')];
  let markdown = '';
  let json: Record<string, unknown> = {};

  beforeAll(async () => {
    // One worker thread against two: the report contract below then checks they wrote the same report.json.
    const [a, b] = await Promise.all([cli([...args(csv, outA), '--workers', '1']), cli([...args(csv, outB), '--workers', '2', '--json'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    markdown = readFileSync(join(outA, 'README.md'), 'utf8');
    json = JSON.parse(readFileSync(join(outA, 'report.json'), 'utf8')) as Record<string, unknown>;
  });

  it('writes a report with every section', () => {
    for (const heading of ['## Findings', '## Data', '## Results on the test split', '### Recall of each class',
      '### Against `none`, paired by seed', '## Learning curves', '## Confusion matrices', '## Reproduce']) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toMatch(/\*\*smote:k=3\*\* (raised|lowered|left) the smallest class's \(.+\) recall from \d\.\d{3} to \d\.\d{3} \(difference [+−]\d\.\d{3}, 95% CI/);
  });

  reportContract(() => ({ a: outA, b: outB, markdown, json: json }));

  it('gives every strategy the same optimizer steps by default, states them in its row, and lets a resampler see fewer epochs', () => {
    const report = json as { budget: { by: string; steps: number }; strategies: { name: string; steps: number; rows: number; curve: unknown[]; loss: string }[] };
    expect(report.budget.by).toBe('steps');
    const [none, smote, focal] = report.strategies;
    for (const s of report.strategies) {
      expect(s.steps).toBe(report.budget.steps);
      expect(markdown).toMatch(new RegExp(`\\n\\| ${s.name.replace(/[+:]/g, '\\$&')} +\\| +${s.steps} +\\| +\\d\\.\\d{3} \\(`));
    }
    expect(smote!.rows).toBeGreaterThan(none!.rows);
    expect(smote!.curve.length).toBeLessThan(none!.curve.length);
    expect([none!.loss, focal!.loss]).toEqual(['cross-entropy', 'focal(γ=2)']);
    expect(markdown).toContain('`--budget-by steps`');
  });

  it('with --budget-by epochs, trains every strategy for the epochs asked, so a resampler takes more steps, and says so', async () => {
    const out = join(dir, 'epochs');
    const result = await cli([...args(csv, out), '--strategies', 'none,smote:k=3', '--seeds', '1', '--budget-by', 'epochs']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { strategies: { steps: number; curve: unknown[] }[] };
    const [none, smote] = report.strategies;
    expect([none!.curve.length, smote!.curve.length]).toEqual([3, 3]);
    expect(smote!.steps).toBeGreaterThan(none!.steps);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('part of any difference below is extra training');
  });

  it('with --search, gives each strategy its own short search and trains its seeds with what it chose', async () => {
    const out = join(dir, 'search');
    const result = await cli([...args(csv, out), '--strategies', 'none,smote:k=3', '--seeds', '1', '--epochs', '2', '--search', '--budget', '4']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      search: { trials: number; rounds: number }; strategies: { searched: { params: Record<string, number>; score: number } }[];
    };
    expect([report.search.trials, report.search.rounds]).toEqual([4, 2]);
    for (const s of report.strategies) {
      expect(Object.keys(s.searched.params).sort()).toEqual(['dropout', 'l2', 'lr']);
      expect(s.searched.score).toBeGreaterThan(0);
    }
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('## Each strategy\'s own search');
    expect(readme).toContain('after its own short search');
  });

  it('refuses --budget without --search, with exit code 2', async () => {
    const result = await cli([...args(csv, join(dir, 'never')), '--budget', '4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--budget .* needs --search/);
  });

  it('rejects an unknown strategy with exit code 2', async () => {
    const result = await cli(['compare', '--dataset', `csv:${csv}`, '--strategies', 'none,bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown strategy "bogus"/);
  });
});

describe('--strategies', () => {
  it('splits on commas but keeps a strategy\'s own options together', async () => {
    const { strategyList } = await import('../../src/cli/compare.ts');
    expect(strategyList('none,smote:k=3,ratio=0.5,smote+focal:gamma=1')).toEqual(['none', 'smote:k=3,ratio=0.5', 'smote+focal:gamma=1']);
    expect(() => strategyList('none,,smote')).toThrow(/comma-separated list/);
  });
});
