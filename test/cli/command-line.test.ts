import { describe, expect, it } from 'vitest';
import { commandLine } from '../../src/cli/command-line.ts';

describe('the command line a report prints', () => {
  it('quotes what a shell would split', () => {
    expect(commandLine(['compare', '--dataset', 'csv:my data.csv'])).toBe("skewtune compare --dataset 'csv:my data.csv'");
  });

  it.each([
    [['search', '--executor', 'postgres://ann:s3cret@db.lan:5432/skewtune'], 'skewtune search --executor postgres://ann@db.lan:5432/skewtune'],
    [['search', '--executor=postgresql://ann:p%40ss@db.lan/s'], 'skewtune search --executor=postgresql://ann@db.lan/s'],
    [['worker', '--connect', 'postgres://ann@db.lan/s?password=s3cret&sslmode=require'], "skewtune worker --connect 'postgres://ann@db.lan/s?sslmode=require'"],
    [['worker', '--connect', 'postgres://ann@db.lan/s?sslmode=require&password=s3cret'], "skewtune worker --connect 'postgres://ann@db.lan/s?sslmode=require'"],
  ])('leaves out the password of %j', (argv, line) => {
    expect(commandLine(argv)).toBe(line);
  });
});
