import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeIdx, writeText } from '../helpers/files.ts';

/** The parts of `train --json` that must not change between identical runs. */
function numbers(stdout: string) {
  const { test, history, config } = JSON.parse(stdout) as {
    test: unknown; config: unknown; history: { epoch: number; loss: number; valAccuracy: number }[];
  };
  return { test, config, history: history.map(({ epoch, loss, valAccuracy }) => ({ epoch, loss, valAccuracy })) };
}

describe('skewtune train', () => {
  it('reaches test accuracy >= 0.90 on mnist with 100,100 and Adam in 5 epochs, the same twice, under 300 MB', async () => {
    const args = ['train', '--dataset', 'mnist', '--hidden', '100,100', '--optimizer', 'adam', '--epochs', '5', '--seed', '1', '--json'];
    const [first, second] = await Promise.all([cli(args), cli(args)]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(first.stdout) as {
      test: { accuracy: number; balancedAccuracy: number; macroF1: number; gmean: number; perClass: { class: string; recall: number }[] };
      history: { epoch: number; loss: number; trainAccuracy: number; valLoss: number; valAccuracy: number }[];
      seconds: number; peakMemoryMB: number;
    };
    expect(report.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.test.perClass).toHaveLength(10);
    expect(report.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(report.history[0]!)).toEqual(expect.arrayContaining(['epoch', 'loss', 'trainAccuracy', 'valLoss', 'valAccuracy']));
    expect(report.peakMemoryMB).toBeLessThan(300);
    expect(numbers(second.stdout)).toEqual(numbers(first.stdout));
  });

  it('prints epochs and a per-class table for a person', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 3 === 0 ? 5 + (i % 7) * 0.1 : (i % 5) * 0.1},${i % 3 === 0 ? 'yes' : 'no'}`);
    const path = writeText(dir, 'small.csv', `x,label\n${rows.join('\n')}\n`);
    const result = await cli(['train', '--dataset', `csv:${path}`, '--hidden', '8', '--epochs', '2', '--lr', '0.01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/epoch 2\/2 {2}loss \d\.\d{4}/);
    expect(result.stdout).toMatch(/class +precision +recall +f1 +support\nno +/);
  });
});

describe('bad input: exit code 2 and one line naming the problem and where', () => {
  const dir = tempDir();
  const csv = (name: string, text: string) => `csv:${writeText(dir, name, text)}`;
  const idxMagic = tempDir();
  writeIdx(idxMagic, 'train', [0, 1], 2, true);
  writeIdx(idxMagic, 't10k', [0, 1], 2, true);
  writeText(idxMagic, 'train-labels-idx1-ubyte', 'XXXXXXXXXX');
  const idxShort = tempDir();
  writeIdx(idxShort, 'train', [0, 1], 2, false);
  writeIdx(idxShort, 't10k', [0, 1], 2, false);
  writeText(idxShort, 't10k-labels-idx1-ubyte', '\0\0\x08\x01\0\0\0\x09\0');

  const cases: [string, string[], RegExp][] = [
    ['a non-numeric cell', ['--dataset', csv('a.csv', 'x,label\n1,a\nabc,b\n'), '--numeric', 'x'], /a\.csv, data row 2, column "x": "abc" is not a number/],
    ['a ragged row', ['--dataset', csv('b.csv', 'x,y,label\n1,2,a\n3,b\n')], /b\.csv, data row 2: 2 fields, but the header has 3/],
    ['an empty file', ['--dataset', csv('c.csv', '')], /c\.csv: the file is empty/],
    ['no label column', ['--dataset', csv('d.csv', 'x,y\n1,2\n')], /d\.csv: no label column "label"/],
    ['a single class', ['--dataset', csv('e.csv', 'x,label\n1,a\n2,a\n')], /e\.csv: the label column "label" has a single class/],
    ['NaN', ['--dataset', csv('f.csv', 'x,label\n1,a\nNaN,b\n'), '--numeric', 'x', '--missing-values', 'NA'], /f\.csv, data row 2, column "x": "NaN" is not a finite number/],
    ['Infinity', ['--dataset', csv('g.csv', 'x,label\nInfinity,a\n1,b\n'), '--numeric', 'x'], /g\.csv, data row 1, column "x": "Infinity" is not a finite number/],
    ['an IDX wrong magic number', ['--dataset', `idx:${idxMagic}`], /train-labels-idx1-ubyte(\.gz)?: wrong magic number/],
    ['truncated IDX data', ['--dataset', `idx:${idxShort}`], /t10k-labels-idx1-ubyte: truncated data: the header says 9/],
    ['an unknown dataset', ['--dataset', 'cifar'], /unknown dataset "cifar"; expected one of mnist, csv:PATH, idx:DIR/],
    ['--lr -1', ['--dataset', 'mnist', '--lr', '-1'], /option '--lr <rate>' argument '-1' is invalid\. must be a number > 0/],
    ['--epochs 0', ['--dataset', 'mnist', '--epochs', '0'], /'--epochs <n>' argument '0' is invalid\. must be an integer >= 1/],
    ['--hidden abc', ['--dataset', 'mnist', '--hidden', 'abc'], /'--hidden <units>' argument 'abc' is invalid/],
    ['--batch-size 0', ['--dataset', 'mnist', '--batch-size', '0'], /'--batch-size <n>' argument '0' is invalid/],
    ['an unknown optimizer', ['--dataset', 'mnist', '--optimizer', 'lbfgs'], /argument 'lbfgs' is invalid\. must be one of sgd, momentum, adagrad, rmsprop, adam/],
    ['an unknown initializer', ['--dataset', 'mnist', '--init', 'glorot'], /'--init <name>' argument 'glorot' is invalid\. must be one of/],
    ['a bad imbalance', ['--dataset', 'mnist', '--imbalance', 'lt:0'], /--imbalance must be lt:R with R >= 1/],
  ];

  it.each(cases)('%s', async (_, args, message) => {
    const result = await cli(['train', ...args, '--epochs', args.includes('--epochs') ? args[args.indexOf('--epochs') + 1]! : '1']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^skewtune: /);
    expect(result.stderr).toMatch(message);
  });
});
