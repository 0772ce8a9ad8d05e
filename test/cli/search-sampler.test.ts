import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/internal.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';

// Two gaussian classes: a study of 3 rounds × 6 one-epoch trials takes seconds.
function gaussianCsv(): string {
  const rng = createRng('sampler cli');
  const rows = Array.from({ length: 160 }, (_, i) => [rng.normal(i % 2, 1).toFixed(3), rng.normal(-(i % 2), 1).toFixed(3), i % 2].join(','));
  return `x,y,label\n${rows.join('\n')}\n`;
}

const space = {
  lr: { kind: 'loguniform', low: 1e-3, high: 0.3 },
  optimizer: { kind: 'choice', values: ['sgd', 'adam', 'rmsprop'] },
  hidden: { kind: 'choice', values: [[4], [8]] },
};

describe('skewtune search --sampler', () => {
  const dir = tempDir();
  const csv = writeText(dir, 'two.csv', gaussianCsv());
  const config = (extra: object) => writeText(tempDir(), 'search.json', JSON.stringify({ dataset: `csv:${csv}`, rounds: 3, trials: 6, epochs: 1, finalEpochs: 1, recheck: 0, params: space, ...extra }));
  const run = (out: string, ...args: string[]) => cli(['search', '--config', config({}), '--workers', '1', '--seed', '2', '--out', out, ...args]);
  const [tpe, narrowing] = [join(dir, 'tpe'), join(dir, 'narrowing')];
  const study = (out: string) => JSON.parse(readFileSync(join(out, 'study.json'), 'utf8'));

  beforeAll(async () => {
    const runs = await Promise.all([run(tpe, '--sampler', 'tpe'), run(narrowing)]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
  }, 300_000);

  it('records the sampler and its options in study.json, and the report states them', () => {
    expect(study(tpe).sampler).toMatchObject({ name: 'tpe', options: { startup: 10, candidates: 24, gamma: 0.1 } });
    expect(study(tpe).config.sampler).toBe('tpe');
    expect(readFileSync(join(tpe, 'README.md'), 'utf8')).toContain('Sampler: tpe (startup 10, candidates 24');
    expect(JSON.parse(readFileSync(join(tpe, 'report.json'), 'utf8')).sampler).toEqual(study(tpe).sampler);
  });

  it('narrows by default, and the report says per hyperparameter and value why', () => {
    const s = study(narrowing);
    expect(s.sampler).toMatchObject({ name: 'narrowing', options: { top: 0.5, minTried: 2, within: 'tpe' } });
    expect(s.rounds[1].explanation.optimizer.values.map((v: { value: string }) => v.value)).toEqual(['sgd', 'adam', 'rmsprop']);
    const markdown = readFileSync(join(narrowing, 'README.md'), 'utf8');
    expect(markdown).toContain('Sampler: narrowing.');
    expect(markdown).toMatch(/\| optimizer = adam +\| (kept|dropped): /);
  });

  it.each([
    [['--sampler', 'bayes'], /option '--sampler <name>' argument 'bayes' is invalid\. must be one of the samplers: narrowing, random, tpe/],
    [['--config', 'CONFIG'], /search\.json: sampler: .*"narrowing".*"random".*"tpe"/],
  ])('refuses an unknown sampler (%j) with exit code 2 and one line listing them', async (args, message) => {
    const out = join(tempDir(), 'study');
    const given = args.map((a) => (a === 'CONFIG' ? config({ sampler: 'bayes' }) : a));
    const r = await cli(['search', '--dataset', `csv:${csv}`, '--out', out, ...given]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
