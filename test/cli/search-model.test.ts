import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type Classifier, type CompleteTrial, type Step } from '../../src/index.ts';
import { finalTest, taskData } from '../../src/study/index.ts';
import { tableTestRows } from '../helpers/table-rows.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { seededRows } from '../model/fixtures.ts';

const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => x.toString());

describe('search --cv 5 saves its best model, which predicts as the search computed', () => {
  it('scores each step with the mean of five folds, and model.skt gives the final model\'s test probabilities bit for bit', async () => {
    const dir = tempDir();
    const csv = writeText(dir, 'data.csv', seededRows(260, 3, 2, 5));
    const out = join(dir, 'study');
    const result = await cli(['search', '--dataset', `csv:${csv}`, '--rounds', '1', '--trials', '2', '--epochs', '2', '--final-epochs', '2',
      '--recheck', '0', '--workers', '1', '--cv', '5', '--metric', 'macroF1', '--seed', '3', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      best: Pick<CompleteTrial, 'params' | 'seed' | 'round' | 'index' | 'score'>; model: string; ensemble: { members: { kept: boolean }[] };
    };
    expect(report.model).toBe(join(out, 'model.skt'));
    // The default final model averages up to 3 networks of the chosen configuration.
    expect(report.ensemble.members).toHaveLength(3);

    const trials = readFileSync(join(out, 'trials.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as CompleteTrial);
    for (const step of trials.flatMap((t) => t.history as Step[])) {
      const folds = step.folds as number[];
      expect(folds).toHaveLength(5);
      expect(step.score).toBeCloseTo(folds.reduce((a, b) => a + b, 0) / 5, 12);
    }

    const spec = `csv:${csv}`;
    const data = taskData({ dataset: spec, label: 'label', seed: 3, epochs: 2, metric: 'macroF1', cv: 5, repeats: 1 });
    let model: Classifier | undefined;
    // The trial as journalled: the final training does not stop before the epoch it scored best at.
    const best = trials.find((t) => t.round === report.best.round && t.index === report.best.index)!;
    await finalTest(best, data, 2, 'macroF1', { members: 3, keep: (m) => { model = m; } });
    expect(model!.members?.length ?? 1).toBe(report.ensemble.members.filter((m) => m.kept).length);
    const expected = model!.predictProba(data.splits.test.x).data;

    // The test rows in the file's units, as the table read them.
    const raw = tableTestRows(data.splits.tabular!);
    const lines = [raw.featureNames.join(','), ...Array.from({ length: raw.x.rows }, (_, i) =>
      Array.from(raw.x.data.subarray(i * raw.x.cols, (i + 1) * raw.x.cols), String).join(','))];
    const input = writeText(dir, 'rows.csv', `${lines.join('\n')}\n`);
    const output = join(dir, 'scored.csv');
    const predicted = await cli(['predict', '--model', report.model, '--input', input, '--output', output, '--proba']);
    expect(predicted.code, predicted.stderr).toBe(0);
    const cells = readFileSync(output, 'utf8').trim().split('\n').slice(1).flatMap((row) => row.split(',').slice(1).map(Number));
    expect(bits(cells)).toEqual(bits(expected));
  });
});

describe('search with a bagging strategy', () => {
  it('scores and keeps the bagged networks: model.skt holds every network of the final model (it failed with "final training gave no model")', async () => {
    const dir = tempDir();
    const csv = writeText(dir, 'data.csv', seededRows(200, 3, 2, 7));
    const config = writeText(dir, 'search.json', JSON.stringify({ params: {
      lr: { kind: 'loguniform', low: 0.001, high: 0.01 }, hidden: { kind: 'choice', values: [[8]] }, strategy: { kind: 'choice', values: ['bootstrap:bagging=3'] },
    } }));
    const out = join(dir, 'study');
    const result = await cli(['search', '--dataset', `csv:${csv}`, '--config', config, '--rounds', '1', '--trials', '2', '--epochs', '1',
      '--final-epochs', '2', '--recheck', '0', '--workers', '1', '--metric', 'macroF1', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { ensemble } = JSON.parse(result.stdout) as { ensemble: { members: { kept: boolean }[] } };
    const { header } = loadModel(join(out, 'model.skt'));
    expect(header.strategy).toBe('bootstrap:bagging=3');
    expect(header.members).toBe(3 * ensemble.members.filter((m) => m.kept).length);
  });
});

describe('search --decision', () => {
  it('fits the final model\'s rule on validation, saves it in model.skt and shows the test split before and after it', async () => {
    const dir = tempDir();
    const csv = writeText(dir, 'data.csv', seededRows(200, 3, 2, 6));
    const out = join(dir, 'study');
    const result = await cli(['search', '--dataset', `csv:${csv}`, '--rounds', '1', '--trials', '2', '--epochs', '1', '--final-epochs', '2',
      '--recheck', '0', '--workers', '1', '--metric', 'recall:c1', '--decision', 'tuned', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const { header } = loadModel(join(out, 'model.skt'));
    expect(header.decision.rule).toBe('tuned');
    expect(header.decision.metric).toBe('recall:c1');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { test: { decision: { rule: { rule: string }; after: { metric: number } } } };
    expect(report.test.decision.rule.rule).toBe('tuned');
    expect(report.test.decision.after.metric).toBe((header.test.perClass as { class: string; recall: number }[]).find((c) => c.class === 'c1')!.recall);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/\| test +\| argmax \| tuned \|\n[^\n]*\n\| recall of c1 +\| +\d\.\d{3} \| +\d\.\d{3} \|\n\| ECE /);
  });
});

describe('bad values of --cv, --repeats and --metric: exit 2, one line, no study written', () => {
  const dir = tempDir();
  const csv = writeText(dir, 'small.csv', seededRows(40, 2, 2));
  const cases: [string, string[], RegExp][] = [
    ['--cv 1', ['--cv', '1'], /option '--cv <k>' argument '1' is invalid\. must be an integer >= 2/],
    ['--cv x', ['--cv', 'x'], /option '--cv <k>' argument 'x' is invalid/],
    ['--cv above the rows', ['--cv', '500'], /--cv 500: the trials' training split has only \d+ rows/],
    ['--repeats 0', ['--cv', '3', '--repeats', '0'], /option '--repeats <n>' argument '0' is invalid\. must be an integer >= 1/],
    ['--repeats without --cv', ['--repeats', '2'], /--repeats 2 needs --cv K/],
    ['--metric fbeta:0', ['--metric', 'fbeta:0'], /option '--metric <name>' argument 'fbeta:0' is invalid\. must be one of .*fbeta:B \(B > 0\)/],
    ['--metric bogus', ['--metric', 'bogus'], /argument 'bogus' is invalid\. must be one of accuracy, macroF1, balancedAccuracy, gmean, prAuc, mcc, f1:CLASS, recall:CLASS, fbeta:B/],
    ['--metric f1 of an unknown class', ['--metric', 'f1:cat'], /--metric f1:cat: csv:.*small\.csv has no class "cat" \(classes: c0, c1\)/],
  ];

  it.each(cases)('%s', async (name, args, message) => {
    const out = join(dir, name.replaceAll(/\W/g, '-'));
    const result = await cli(['search', '--dataset', `csv:${csv}`, '--workers', '1', '--out', out, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
