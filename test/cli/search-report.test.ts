import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleRankCorrelation } from 'simple-statistics';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type StudyReport, type TrialRecord } from '../../src/internal.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { brokenImages, unexplainedNumbers } from '../helpers/markdown.ts';
import { reportContract } from '../helpers/report-contract.ts';

// A small imbalanced CSV whose class and column names try to break the report.
const classes = ['a|b', '`tick`', '<script>alert(1)</script>'];
const sizes = [240, 60, 24];

function hostileCsv(): string {
  const rng = createRng('search report');
  const rows = classes.flatMap((name, c) => Array.from({ length: sizes[c]! }, () =>
    [rng.normal(c, 0.8).toFixed(4), rng.normal(-c, 0.8).toFixed(4), `"${name.replace(/"/g, '""')}"`].join(',')));
  return `"x|1","<b>y</b>",label\n${rows.join('\n')}\n`;
}

const space = {
  strategy: { kind: 'choice', values: ['none', 'bootstrap', 'smote', 'focal', 'class-weight', 'smote+focal'] },
  'smote.k': { kind: 'int', low: 1, high: 5 },
  'focal.gamma': { kind: 'uniform', low: 0, high: 3 },
  'focal.alpha': { kind: 'choice', values: ['none', 'inverse'] },
  'bootstrap.ratio': { kind: 'uniform', low: 0.3, high: 1 },
  lr: { kind: 'loguniform', low: 1e-3, high: 0.1 },
  hidden: { kind: 'choice', values: [[8], [16]] },
  batchSize: { kind: 'choice', values: [32] },
};

describe('skewtune search with strategies in the space, and its report', () => {
  const dir = tempDir();
  const csv = writeText(dir, 'hostile.csv', hostileCsv());
  const config = writeText(dir, 'search.json', JSON.stringify({ dataset: `csv:${csv}`, rounds: 2, trials: 8, epochs: 2, finalEpochs: 4, pruner: 'none', params: space }));
  const [outA, outB] = [join(dir, 'a'), join(dir, 'b')];
  const args = (out: string) => ['search', '--config', config, '--metric', 'macroF1', '--workers', '1', '--seed', '3', '--out', out];
  let markdown = '';
  let report = {} as StudyReport & { timing: { seconds: number } };
  let trials: TrialRecord[] = [];

  beforeAll(async () => {
    const [a, b] = await Promise.all([cli(args(outA)), cli([...args(outB), '--json'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    markdown = readFileSync(join(outA, 'README.md'), 'utf8');
    report = JSON.parse(readFileSync(join(outA, 'report.json'), 'utf8')) as typeof report;
    trials = readFileSync(join(outA, 'trials.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TrialRecord);
  });

  it('records each trial\'s strategy and exactly the options it used in trials.jsonl', () => {
    expect(trials).toHaveLength(16);
    expect(new Set(trials.map((t) => t.params.strategy)).size).toBeGreaterThan(2);
    for (const t of trials) {
      const parts = String(t.params.strategy).split('+');
      expect(Object.hasOwn(t.params, 'smote.k'), JSON.stringify(t.params)).toBe(parts.includes('smote'));
      expect(Object.hasOwn(t.params, 'focal.gamma'), JSON.stringify(t.params)).toBe(parts.includes('focal'));
      expect(t.status).toBe('complete');
    }
  });

  it('writes a report with every section, the narrowing laid out round by round', () => {
    for (const heading of ['**Finding.**', '## Best configuration', '## Test split', '## How the ranges narrowed', '## Validation score against each numeric hyperparameter',
      '## The 10 best trials', '## Learning curves of all 16 trials', '## Best so far', '## Hyperparameter importance', '## Failures', '## Honesty check of step 2', '## Reproduce']) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toMatch(/\| hyperparameter +\| round 1 +\| round 2 +\|/);
    expect(markdown).toMatch(/\| strategy +\| (kept|narrowed): best \d+ of 8 +\|/);
    expect(markdown).toMatch(/\| strategy = class-weight +\| /);
    expect(markdown).toContain('best epoch\'s validation macro-F1');
    expect(report.rounds[1]!.explanation!.strategy!.trials).toBe(8);
    expect(report.sampler.name).toBe('narrowing');
    expect(markdown).toMatch(/\| seeds +\| 3 +\|/);
    expect(markdown).toContain(report.dataset.hash);
  });

  it('states the honesty check in a sentence its numbers support', () => {
    const { recheck } = report;
    expect(recheck!.top).toBe(5);
    const done = recheck!.configs.filter((c) => c.fullScore !== null);
    const rho = sampleRankCorrelation(done.map((c) => c.fewScore), done.map((c) => c.fullScore!));
    expect(recheck!.spearman).toBeCloseTo(rho, 12);
    // Five pairs differ from no association at the 5% level only at |ρ| = 1 (Zar's table): anything less is no evidence either way.
    const significant = Math.abs(rho) >= 1;
    expect(recheck!.significance).toEqual({ level: 0.05, critical: 1 });
    const verdict = !significant ? 'in an order 5 configurations cannot tell from chance' : rho > 0 ? 'much as 4 epochs did' : 'against the order of 4 epochs';
    const rhoText = `${rho < 0 ? '−' : ''}${Math.abs(rho).toFixed(2)}`;
    const critical = significant ? '' : '; the 5% level needs |ρ| ≥ 1.00';
    expect(markdown).toContain(`of these 5 configurations is ρ = ${rhoText}${critical}: the short trials ranked them ${verdict}`);
    expect(markdown).toContain(`(Spearman ρ = ${rhoText}${critical})`);
    const bestFew = recheck!.configs.find((c) => c.fewRank === 1)!;
    expect(markdown).toContain(`the 2-epoch best ${bestFew.fullRank === 1 ? 'was also' : 'was not'} the best after 4 epochs`);
  });

  reportContract(() => ({ a: outA, b: outB, markdown, json: report }));

  it('reports a study from its journal alone, without the parts only the search runs', async () => {
    const journalOnly = join(dir, 'journal');
    mkdirSync(journalOnly);
    copyFileSync(join(outA, 'study.json'), join(journalOnly, 'study.json'));
    // As if a trial were being written as the report reads: the half line is skipped, and left alone.
    const journal = `${readFileSync(join(outA, 'trials.jsonl'), 'utf8')}{"round":3,"ind`;
    writeFileSync(join(journalOnly, 'trials.jsonl'), journal);
    const result = await cli(['report', journalOnly]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(journalOnly, 'trials.jsonl'), 'utf8')).toBe(journal);
    const text = readFileSync(join(journalOnly, 'README.md'), 'utf8');
    expect(text).toContain('Not run: the study ended before its best configuration was retrained.');
    expect(text).toContain(markdown.slice(markdown.indexOf('## How the ranges narrowed'), markdown.indexOf('## Honesty check')));
    expect(brokenImages(journalOnly, text)).toEqual([]);
    expect(unexplainedNumbers(text, JSON.parse(readFileSync(join(journalOnly, 'report.json'), 'utf8')))).toEqual([]);
  });

  it('reports from the journal the trials handed to another worker (handovers.jsonl), a torn last line left out', async () => {
    const handed = join(dir, 'handed');
    mkdirSync(handed);
    for (const file of ['study.json', 'trials.jsonl']) copyFileSync(join(outA, file), join(handed, file));
    writeFileSync(join(handed, 'handovers.jsonl'), `${JSON.stringify({ round: 1, index: 2, worker: 'w1/99', silentSeconds: 23, at: '2026-01-01T00:00:00.000Z' })}\n{"round":2,"in`);
    const result = await cli(['report', handed]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(handed, 'report.json'), 'utf8')).handovers).toEqual([{ round: 1, index: 2, worker: 'w1/99', silentSeconds: 23 }]);
    expect(readFileSync(join(handed, 'README.md'), 'utf8')).toMatch(/## Handovers\n\n1 trial was handed[^]*\| +1 \| +2 \| w1\/99 +\| +23 \|/);
  });
});
