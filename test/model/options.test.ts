import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

const dir = tempDir();

describe('bad values of the model options: exit 2 and one line', () => {
  const cases: [string, string[], RegExp][] = [
    ['train --decision with an unknown rule', ['train', '--dataset', 'mnist', '--decision', 'vote'],
      /option '--decision <rule>' argument 'vote' is invalid\. must be one of argmax, temperature, prior, tuned/],
    ['train --save into a missing directory', ['train', '--dataset', 'mnist', '--save', join(dir, 'missing', 'm.skt')],
      /--save .*m\.skt: the directory .*missing does not exist/],
    ['train --metric with an unknown name', ['train', '--dataset', 'mnist', '--decision', 'tuned', '--metric', 'auc'],
      /option '--metric <name>' argument 'auc' is invalid\. must be one of accuracy, macroF1, balancedAccuracy, gmean, prAuc, mcc, f1:CLASS, recall:CLASS, fbeta:B/],
    ['train --metric naming a class the dataset lacks', ['train', '--dataset', 'mnist', '--metric', 'recall:cat', '--epochs', '1'],
      /--metric recall:cat: mnist has no class "cat" \(classes: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9\)/],
    ['search --decision with an unknown rule', ['search', '--dataset', 'mnist', '--decision', 'vote'],
      /option '--decision <rule>' argument 'vote' is invalid\. must be one of argmax, temperature, prior, tuned/],
    ['train --save onto the dataset\'s own file', ['train', '--dataset', `csv:${join(dir, 'data.csv')}`, '--save', join(dir, 'data.csv')],
      /--save .*data\.csv is the dataset's file; save the model elsewhere/],
    ['predict without --model', ['predict', '--input', 'x.csv', '--output', join(dir, 'o.csv')], /required option '--model <file>' not specified/],
    ['predict without --output', ['predict', '--model', 'm.skt', '--input', 'x.csv'], /required option '--output <file>' not specified/],
  ];

  it.each(cases)('%s', async (_, args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
  });
});
