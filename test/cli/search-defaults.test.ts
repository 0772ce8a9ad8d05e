import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/internal.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';

/** A two-feature table with `counts[c]` rows of class c, the classes apart by their mean. */
function table(counts: readonly number[]): string {
  const rng = createRng(9);
  const lines = ['a,b,label'];
  counts.forEach((n, c) => {
    for (let i = 0; i < n; i++) lines.push(`${(c * 2 + rng.normal()).toFixed(3)},${rng.normal().toFixed(3)},k${c}`);
  });
  return `${lines.join('\n')}\n`;
}

const quick = ['--rounds', '1', '--trials', '2', '--ensemble', '1', '--recheck', '0', '--final-epochs', '4'];

describe('search fits its defaults to the data', () => {
  const dir = tempDir();

  it('on a small skewed table: macro-F1, the strategies, K-fold CV and a refit on every training row, said on the first line and in study.json', async () => {
    const csv = writeText(dir, 'skewed.csv', table([200, 40]));
    const out = join(dir, 'skewed');
    const result = await cli(['search', '--dataset', `csv:${csv}`, ...quick, '--epochs', '3', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const first = result.stdout.split('\n')[0]!;
    expect(first).toContain('scored by macroF1 (the training split\'s classes are skewed 4.9:1, at least 3:1)');
    // 128 and 26 rows of the training split: 200 and 40 less the test's 20% and validation's 20% of the rest, stratified.
    expect(first).toContain('trials scored by K-fold CV over the training rows and the final model refit on all of them (192 training rows, at most 5000)');
    const study = JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')) as { config: Record<string, unknown> & { params: Record<string, unknown> }; defaults: Record<string, unknown> };
    expect(study.defaults).toMatchObject({ skewed: true, metric: { name: 'macroF1' }, space: 'default with strategies', validation: { way: 'refit' } });
    expect(study.config).toMatchObject({ metric: 'macroF1', refit: true, cv: 5, epochs: 3 });
    expect(Object.keys(study.config.params)).toContain('strategy');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/## Defaults the data chose\n\nscored by macroF1 .* the final model trained on all 192 training rows for \d+ epochs, the folds' best\./);
  });

  it('on a balanced table with --no-refit and --metric given: the given metric, no strategies, the validation split', async () => {
    const csv = writeText(dir, 'even.csv', table([120, 120]));
    const out = join(dir, 'even');
    const result = await cli(['search', '--dataset', `csv:${csv}`, ...quick, '--epochs', '2', '--no-refit', '--metric', 'gmean', '--json', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { defaults: Record<string, unknown>; refit: unknown };
    expect(json.defaults).toMatchObject({ skewed: false, metric: { name: 'gmean', why: '--metric was given' }, space: 'default', validation: { way: 'split', why: 'refit is off' } });
    expect(json.refit).toBeNull();
  });
});
