import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argmaxRule, createRng, mlp, modelBytes } from '../../src/internal.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';

const dir = tempDir();
const network = mlp({ inputs: 2, outputs: 2, hidden: [3], activation: 'relu', init: 'he', batchnorm: true, dropout: 0 }, createRng(1));
const good = modelBytes({
  classifier: network, features: ['a', 'b'], classes: ['no', 'yes'], dataset: 'csv:x.csv', fingerprint: 'sha256:0', strategy: 'none',
  training: {}, decision: argmaxRule(2), test: {}, createdBy: 'test',
  standardizer: { mean: Float64Array.from([1, 2]), sd: Float64Array.from([1, 1]) },
});
const headerLength = good.readUInt32LE(12);
const headerText = good.toString('utf8', 16, 16 + headerLength);
const input = writeText(dir, 'rows.csv', 'id,a,b\n1,0.5,2\n2,1.5,3\n');

/** The same file with another header (its length field rewritten to match). */
function withHeader(text: string): Buffer {
  const json = Buffer.from(text, 'utf8');
  const prefix = Buffer.from(good.subarray(0, 16));
  prefix.writeUInt32LE(json.length, 12);
  return Buffer.concat([prefix, json, good.subarray(16 + headerLength)]);
}

function altered(change: (b: Buffer) => void): Buffer {
  const copy = Buffer.from(good);
  change(copy);
  return copy;
}

async function predictWith(bytes: Buffer, name: string, extra: string[] = []) {
  const model = join(dir, `${name}.skt`);
  writeFileSync(model, bytes);
  const output = join(dir, `${name}.out.csv`);
  const result = await cli(['predict', '--model', model, '--input', input, '--output', output, ...extra]);
  return { ...result, written: existsSync(output) };
}

describe('skewtune predict refuses a damaged model file: exit 2, one line, nothing written', () => {
  it('accepts the intact file (the baseline the damaged ones differ from)', async () => {
    const result = await predictWith(good, 'good', ['--keep', 'id', '--proba']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'good.out.csv'), 'utf8')).toMatch(/^id,predicted,p_no,p_yes\n1,(no|yes),0\.\d+,0\.\d+\n2,/);
  });

  const cases: [string, () => Buffer, RegExp][] = [
    ['truncated', () => good.subarray(0, good.length - 7), /truncated: the header's tensors need \d+ bytes, the file has \d+/],
    ['truncated inside the header', () => good.subarray(0, 40), /truncated: the header claims \d+ bytes/],
    ['a flipped tensor size', () => withHeader(headerText.replace('"shape":[2,3]', '"shape":[3,3]')), /tensor 0 does not fit the architecture: expected m0\/l0\/weight float32 2×3, got m0\/l0\/weight float32 3×3/],
    ['a flipped header length', () => altered((b) => b.writeUInt32LE(headerLength - 1, 12)), /the model header is not valid JSON/],
    ['trailing bytes', () => Buffer.concat([good, Buffer.alloc(4)]), /has trailing bytes/],
    ['a wrong magic', () => altered((b) => b.write('PK', 0, 'latin1')), /not a skewtune model file \(it does not start with "SKTMODEL"\)/],
    ['a newer version', () => altered((b) => b.writeUInt32LE(3, 8)), /model format version 3 is newer than this skewtune reads \(2\); upgrade skewtune/],
    ['a __proto__ key in the header', () => withHeader(headerText.replace('{"architecture"', '{"__proto__":{"polluted":1},"architecture"')), /forbidden key "__proto__"/],
    ['a nested constructor key', () => withHeader(headerText.replace('"training":{}', '"training":{"constructor":{"prototype":{}}}')), /forbidden key "(constructor|prototype)"/],
    ['an unknown header field', () => withHeader(headerText.replace('{"architecture"', '{"run":"rm -rf /","architecture"')), /model header field "run" must be absent \(unknown field\)/],
    ['an oversized header claim', () => altered((b) => b.writeUInt32LE(0xffffffff, 12)), /the model header claims 4294967295 bytes, more than the 67108864 allowed/],
    ['a decision bias of the wrong length', () => withHeader(headerText.replace('"bias":[0,0]', '"bias":[0,0,0]')), /field "decision\.bias" must be 2 finite numbers/],
    ['an architecture larger than the file', () => withHeader(headerText.replace('"hidden":[3]', '"hidden":[1048576,1048576]')), /truncated: the architecture needs at least \d+ bytes of weights/],
    ['an empty file', () => Buffer.alloc(0), /not a skewtune model file/],
    // Sizes right, numbers not: a NaN weight once predicted one class for every row (and NaN probabilities).
    ['a NaN weight', () => altered((b) => b.writeFloatLE(Number.NaN, 16 + headerLength + 4)), /tensor "m0\/l0\/weight" holds NaN at element 1; a model's numbers must be finite/],
    ['an infinite standardisation mean', () => altered((b) => b.writeDoubleLE(Number.POSITIVE_INFINITY, good.length - 32)), /tensor "standardize\/mean" holds Infinity at element 0/],
    ['a zero standard deviation', () => altered((b) => b.writeDoubleLE(0, good.length - 8)), /tensor "standardize\/sd" holds 0 at element 1; a standard deviation must be positive/],
  ];

  it.each(cases)('%s', async (name, make, message) => {
    const result = await predictWith(make(), name.replaceAll(/\W/g, '-'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.written).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('skewtune predict refuses bad rows and options: exit 2, one line naming file, row and column', () => {
  const model = join(dir, 'ok.skt');
  writeFileSync(model, good);
  const csv = (name: string, text: string) => writeText(dir, name, text);
  const cases: [string, string[], RegExp][] = [
    ['a missing feature column', ['--input', csv('m.csv', 'id,a\n1,2\n')], /m\.csv: missing feature column "b" that the model needs/],
    ['an extra column', ['--input', csv('e.csv', 'a,b,c\n1,2,3\n')], /e\.csv: column "c" is not a feature of the model; drop it or name it in --keep/],
    ['a word in a feature cell', ['--input', csv('w.csv', 'a,b\n1,2\n1,abc\n')], /w\.csv, data row 2, column "b": "abc" is not a number/],
    ['a NaN cell', ['--input', csv('n.csv', 'a,b\nNaN,2\n')], /n\.csv, data row 1, column "a": "NaN" is not a finite number/],
    ['an empty cell', ['--input', csv('z.csv', 'a,b\n1,2\n3,\n')], /z\.csv, data row 2, column "b": "" is empty/],
    // The cells a training CSV refuses: Number() alone read these as 16, 3 and 1000.
    ['a hexadecimal cell', ['--input', csv('h.csv', 'a,b\n0x10,2\n')], /h\.csv, data row 1, column "a": "0x10" is not a decimal number/],
    ['a binary cell', ['--input', csv('b.csv', 'a,b\n1,0b11\n')], /b\.csv, data row 1, column "b": "0b11" is not a decimal number/],
    ['a cell with a digit separator', ['--input', csv('u.csv', 'a,b\n1_000,2\n')], /u\.csv, data row 1, column "a": "1_000" is not a number/],
    ['a ragged row', ['--input', csv('r.csv', 'a,b\n1,2\n3\n')], /r\.csv, data row 2: 1 fields, but the header has 2/],
    ['a --keep column not in the input', ['--input', input, '--keep', 'name'], /rows\.csv: --keep column "name" is not in the header/],
    ['a --keep column that is a feature', ['--input', input, '--keep', 'id,a'], /--keep column "a" is a feature of the model/],
    ['a --keep column named twice', ['--input', input, '--keep', 'id,id'], /--keep names column "id" twice/],
    ['an input that does not exist', ['--input', join(dir, 'nope.csv')], /nope\.csv: no such file/],
    ['a model that does not exist', ['--input', input, '--model', join(dir, 'nope.skt')], /nope\.skt: no such file$/m],
    ['a directory as the model', ['--input', input, '--model', dir], /: is a directory, not a model file/],
    ['the model file as the output', ['--input', input, '--output', model], /--output .*ok\.skt is the --model file; write the predictions elsewhere/],
    ['an output directory that does not exist', ['--input', input, '--output', join(dir, 'no', 'out.csv')], /--output .*: the directory .* does not exist/],
  ];

  it.each(cases)('%s', async (_, args, message) => {
    const output = join(dir, 'refused.csv');
    const result = await cli(['predict', '--model', model, '--output', output, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(output)).toBe(false);
  });
});
