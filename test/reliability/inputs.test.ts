import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../datasets/csv.ts';
import { loadIdx } from '../../datasets/idx.ts';
import { resolveStrategy } from '../../strategies/registry.ts';
import { errorLine, oneLine } from '../../src/cli/error-line.ts';
import { hiddenLayers, intFrom, positiveUpTo, workerCount } from '../../src/cli/options.ts';
import { readSettingsFile } from '../../src/study/settings.ts';
import { prepareSplits } from '../../src/data/prepare.ts';
import { InputError } from '../../src/errors.ts';
import { limits } from '../../src/limits.ts';
import { workerLimit } from '../../src/worker-limit.ts';
import { trainLimits } from '../../src/nn/limits.ts';
import { checkOutDir } from '../../src/files/out-dir.ts';
import { readStudy } from '../../src/search/journal.ts';
import { databaseAddress } from '../../src/search/postgres-queue.ts';
import { tempDir, writeIdx, writeText } from '../helpers/files.ts';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('CSV input', () => {
  it.each([
    ['a duplicated column', 'x,y,x,label\n1,2,3,a\n4,5,6,b\n', 'd.csv, header: column "x" appears twice (columns 1 and 3)'],
    ['a duplicated label column', 'label,x,label\n1,2.5,a\n0,3.5,b\n', 'd.csv, header: column "label" appears twice (columns 1 and 3)'],
    ['a column without a name', 'x,,label\n1,2,a\n3,4,b\n', 'd.csv, header, column 2: the column has no name'],
    ['an empty label cell', 'x,label\n1,a\n2,\n3,b\n', 'd.csv, data row 2, column "label": the label is empty'],
    ['a hexadecimal cell', 'x,label\n0x10,a\n2,b\n', 'd.csv, data row 1, column "x": "0x10" is not a decimal number'],
    ['a binary cell', 'x,label\n1,a\n0b11,b\n', 'd.csv, data row 2, column "x": "0b11" is not a decimal number'],
    ['an octal cell', 'x,label\n0o7,a\n1,b\n', 'd.csv, data row 1, column "x": "0o7" is not a decimal number'],
    ['a digit separator', 'x,label\n1_000,a\n1,b\n', 'd.csv, data row 1, column "x": "1_000" is not a number'],
    ['a quoted newline in a cell', 'x,label\n"1\n2",a\n1,b\n', 'd.csv, data row 1, column "x": "1\\n2" is not a number'],
  ])('refuses %s, naming the file, row and column', (_, text, message) => {
    const path = writeText(tempDir(), 'd.csv', text);
    // A column with cells that are not plain decimals is categorical unless named numeric.
    expect(refusal(() => loadCsv(path, { numeric: text.startsWith('x,') ? ['x'] : [] }))).toContain(message);
  });

  it('reads a file that starts with a UTF-8 byte-order mark, and decimals in every plain form', () => {
    const path = writeText(tempDir(), 'd.csv', '\ufeffx,label\n1.5e2,a\n-.5,b\n+3.,a\n');
    expect([...loadCsv(path).data.x.data]).toEqual([150, -0.5, 3]);
  });

  it('refuses a directory given as the file', () => {
    const dir = tempDir();
    expect(refusal(() => loadCsv(dir))).toBe(`${dir}: not a regular file (a directory?); a CSV file is needed`);
  });

  it('refuses data too small to give every split a row, naming the counts', () => {
    const path = writeText(tempDir(), 'd.csv', 'x,label\n1,a\n2,b\n3,a\n4,b\n');
    expect(refusal(() => prepareSplits(loadCsv(path), { seed: 1 }))).toMatch(/csv:.*d\.csv: 4 rows are too few to split: \d+ training, 0 validation and \d+ test rows/);
  });
});

describe('IDX input', () => {
  const idxDir = (side: number, extra = 0) => {
    const dir = tempDir();
    writeIdx(dir, 'train', [0, 1, 0, 1], side, false);
    writeIdx(dir, 't10k', [0, 1], side, false);
    if (extra > 0) writeFileSync(join(dir, 'train-labels-idx1-ubyte'), Buffer.concat([Buffer.from([0, 0, 8, 1, 0, 0, 0, 4, 0, 1, 0, 1]), Buffer.alloc(extra)]));
    return dir;
  };
  it('refuses images of 0×0 pixels', () => {
    expect(refusal(() => loadIdx(idxDir(0)))).toMatch(/train-images-idx3-ubyte: the header's size 2 is 0 \(4×0×0\)/);
  });
  it('refuses a file longer than its header says', () => {
    expect(refusal(() => loadIdx(idxDir(2, 3)))).toMatch(/train-labels-idx1-ubyte: inconsistent sizes: the header says 4 \(12 bytes\), but the file has 15/);
  });
});

describe('config JSON', () => {
  const config = (text: string) => writeText(tempDir(), 'search.json', text);
  it.each([
    ['__proto__ at the top', '{"__proto__": {"rounds": 1}}', 'search.json: __proto__: the key "__proto__" is not allowed'],
    ['__proto__ in a when', '{"params": {"strategy": {"kind": "choice", "values": ["none", "smote"]}, "lr": {"kind": "uniform", "low": 0.1, "high": 0.2, "when": {"__proto__": ["x"]}}}}',
      'search.json: params.lr.when.__proto__: the key "__proto__" is not allowed'],
    ['deep nesting', `{"params": ${'['.repeat(5000)}${']'.repeat(5000)}}`, 'search.json: nested 5001 levels deep; at most 64 are allowed'],
    ['a field out of its upper bound', `{"trials": ${limits.trials + 1}}`, 'search.json: trials: Too big'],
    ['a field error', '{"params": {"lr": {"kind": "uniform", "low": 0.1, "high": 0.01}}}', 'search.json: params.lr: low <= high must hold, but got (low=0.1, high=0.01)'],
    ['a hidden layer too wide', '{"params": {"hidden": {"kind": "choice", "values": [[99999999999]]}}}', 'search.json: params.hidden.values[0][0]: Too big'],
    // JSON.parse keeps the last of a repeated key: the first was ignored silently.
    ['a repeated key', '{"dataset": "csv:a.csv", "rounds": 2, "dataset": "mnist"}', 'search.json: the key "dataset" appears twice in one object'],
    ['a key repeated through an escape', '{"params": {"lr": {"kind": "uniform", "low": 0.1, "high": 0.2, "l\\u006fw": 0.3}}}', 'search.json: the key "low" appears twice in one object'],
    ['an empty choice', '{"params": {"hidden": {"kind": "choice", "values": []}}}', 'search.json: params.hidden.values: a choice needs at least one value, but got []'],
    // `--hidden ""`'s twin: an empty list trained without a hidden layer.
    ['an empty hidden choice', '{"params": {"hidden": {"kind": "choice", "values": [[8], []]}}}',
      'search.json: params.hidden.values[1]: an empty list would train no hidden layer; give at least one layer size, but got []'],
  ])('refuses %s with the file and field', (_, text, message) => {
    expect(refusal(() => readSettingsFile(config(text)))).toContain(message);
  });

  it('reads the same key in different objects, and keys that only look alike', () => {
    const settings = readSettingsFile(config('{"rounds": 2, "params": {"lr": {"kind": "uniform", "low": 0.1, "high": 0.2}, "l2": {"kind": "uniform", "low": 0.1, "high": 0.2}}, "trials": 3}'));
    expect([settings.rounds, settings.trials, Object.keys(settings.space ?? {})]).toEqual([2, 3, ['lr', 'l2']]);
  });

  it('reads a config that starts with a UTF-8 byte-order mark', () => {
    expect(readSettingsFile(config('\ufeff{"rounds": 3}')).rounds).toBe(3);
  });

  it('names a missing file and a directory', () => {
    const dir = tempDir();
    expect(refusal(() => readSettingsFile(join(dir, 'none.json')))).toBe(`${join(dir, 'none.json')}: cannot read the config file (no such file)`);
    expect(refusal(() => readSettingsFile(dir))).toBe(`${dir}: is a directory, but the config file is a file`);
  });
});

describe('study directory', () => {
  const header = { study: 's', seed: 1, config: {}, rounds: [], status: 'running' };
  const studyDir = (study: string, trials = '') => {
    const dir = tempDir();
    writeText(dir, 'study.json', study);
    writeText(dir, 'trials.jsonl', trials);
    return dir;
  };
  it.each([
    ['study.json not JSON', '{', '', /study\.json: not JSON/],
    ['study.json with __proto__', JSON.stringify(header).replace('{', '{"__proto__": {},'), '', /study\.json: __proto__: the key "__proto__" is not allowed/],
    ['study.json of the wrong shape', '{"study": 3}', '', /study\.json: study: /],
    ['a journal line not JSON', JSON.stringify(header), '{"round": 1}\nnot json\n', /trials\.jsonl, line 1: /],
  ])('refuses %s, naming the file and place', (_, study, trials, message) => {
    expect(refusal(() => readStudy(studyDir(study, trials)))).toMatch(message);
  });
  it('reads a study.json with a byte-order mark', () => {
    expect(readStudy(studyDir(`\ufeff${JSON.stringify(header)}`)).study.seed).toBe(1);
  });
});

describe('database URLs', () => {
  it.each([
    ['not a url', '--connect: not a URL; expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE'],
    ['http://db/skewtune', '--connect: http://db/skewtune is not a PostgreSQL URL'],
    ['postgres://me:secret@db', '--connect: postgres://me@db names no database'],
    ['postgres://me:50%@db/s', '--connect: postgres://me@db/s: the password holds a malformed %-escape'],
    ['postgres://m%e@db/s', '--connect: postgres://m%e@db/s: the user name holds a malformed %-escape'],
  ])('%s is refused without echoing a password', (url, message) => {
    const text = refusal(() => databaseAddress(url, '--connect'));
    expect(text).toContain(message);
    expect(text).not.toContain('secret');
  });
});

describe('strategy options', () => {
  it.each([
    ['bootstrap:__proto__=1', 'strategy "bootstrap": unknown option "__proto__"'],
    ['bootstrap:bagging=1e9', 'bootstrap: bagging must be an integer <= 100, got 1000000000'],
    ['smote:k=100000', 'smote: k must be an integer <= 1000, got 100000'],
  ])('%s is refused', (spec, message) => {
    expect(refusal(() => resolveStrategy(spec))).toContain(message);
  });
});

describe('numeric options have documented upper bounds', () => {
  const parse = (parser: (v: string) => unknown, value: string) => {
    const command = new Command().exitOverride().configureOutput({ writeErr: () => {} }).option('--x <v>', '', parser);
    try {
      command.parse(['--x', value], { from: 'user' });
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };
  it.each([
    [hiddenLayers, '99999999999', `at most ${limits.hiddenLayers} integers from 1 to ${trainLimits.hiddenUnits.max}`],
    [hiddenLayers, Array(limits.hiddenLayers + 1).fill(2).join(','), 'at most'],
    [hiddenLayers, '', 'must not hold an empty layer size'],
    [hiddenLayers, ',', 'must not hold an empty layer size'],
    [hiddenLayers, '10,,10', 'must not hold an empty layer size'],
    [hiddenLayers, '8, ', 'must not hold an empty layer size'],
    [workerCount, String(workerLimit().max + 1), `must be an integer >= 1 and <= ${workerLimit().max} on this machine (4 a core, at least 8, one per 200 MB of memory: `],
    [workerCount, '100000', `<= ${workerLimit().max} on this machine`],
    [intFrom(1, limits.trials), '1e9', `must be an integer >= 1 and <= ${limits.trials}`],
    [positiveUpTo(limits.trialTimeout), '1e308', `must be a number > 0 and <= ${limits.trialTimeout}`],
  ])('%o refuses %s', (parser, value, message) => {
    expect(parse(parser as (v: string) => unknown, value)).toContain(message);
  });
  it('accepts the bounds themselves', () => {
    expect(parse(workerCount, String(workerLimit().max))).toBe('accepted');
    expect(parse(hiddenLayers, String(trainLimits.hiddenUnits.max))).toBe('accepted');
  });
  it('reads "none" as no hidden layer, said on purpose', () => {
    expect(hiddenLayers('none')).toEqual([]);
    expect(hiddenLayers(' 8 , 4')).toEqual([8, 4]);
  });
});

describe('worker threads are bounded by the machine', () => {
  const gb = 2 ** 30;
  it.each([
    // 4 a core, at least 8; one per 200 MB of memory; never over 256.
    [1, 16 * gb, 8],
    [2, 24 * gb, 8],
    [16, 64 * gb, 64],
    [64, 8 * gb, 40],
    [2, 1 * gb, 5],
    [2, 0.1 * gb, 1],
    [128, 1024 * gb, limits.workers],
  ])('%i cores and %d bytes of memory allow %i', (cores, memory, max) => {
    expect(workerLimit(cores, memory).max).toBe(max);
  });
  it('names the rule and the machine in words', () => {
    expect(workerLimit(2, 24 * gb).rule).toBe('4 a core, at least 8, one per 200 MB of memory: 2 cores, 24,576 MB');
  });
});

describe('output directories', () => {
  it('refuses a comparison into a study directory, and a study into a comparison\'s', () => {
    const study = tempDir();
    writeText(study, 'study.json', '{}');
    expect(refusal(() => checkOutDir(study, 'comparison', '--out'))).toContain('holds a search study (study.json)');
    const comparison = tempDir();
    writeText(comparison, 'report.json', '{"kind": "comparison"}');
    expect(refusal(() => checkOutDir(comparison, 'study', '--out'))).toContain('holds a report of kind "comparison"');
    expect(() => checkOutDir(comparison, 'comparison', '--out')).not.toThrow();
    const file = writeText(tempDir(), 'f', '');
    expect(refusal(() => checkOutDir(file, 'study', '--out'))).toContain('is a file, but a directory is needed');
  });
});

describe('one error line', () => {
  const system = (code: string, path?: string) => Object.assign(new Error(`${code}: raw`), { code, syscall: 'open', ...(path && { path }) });
  it.each([
    [system('EISDIR', 'runs'), 'runs: is a directory, but a file is needed (EISDIR, open)', 2],
    [system('ENOENT', 'a/b.csv'), 'a/b.csv: no such file or directory (ENOENT, open)', 2],
    [system('EEXIST', 'out'), 'out: already exists (EEXIST, open)', 2],
    [system('ENOTDIR', 'f/x'), 'f/x: a part of the path is not a directory (ENOTDIR, open)', 2],
    [system('ENOSPC', 'runs/s/trials.jsonl'), 'runs/s/trials.jsonl: no space left on the device (ENOSPC, open)', 1],
    [new URIError('URI malformed'), 'URI malformed', 1],
    [new InputError('d.csv, data row 1: "a\nb"'), 'd.csv, data row 1: "a\\nb"', 2],
    [new RangeError('Maximum call stack size exceeded'), 'Maximum call stack size exceeded', 1],
  ])('%s', (error, text, code) => {
    expect(errorLine(error)).toEqual({ text, code });
  });
  it('escapes every control character, so a message is always one line', () => {
    expect(oneLine('a\r\nb\tc\u0000\u2028')).toBe('a\\r\\nb\\tc\\u0000\\u2028');
  });
});
