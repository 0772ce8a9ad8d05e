import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCsv, readCsv } from '../../datasets/csv.ts';
import { predictionInput } from '../../src/cli/predict-input.ts';
import { argmaxRule, createRng, fromRows, mlp, modelBytes, modelFromBytes } from '../../src/internal.ts';
import { errorLine } from '../../src/cli/error-line.ts';
import { parseSettings } from '../../src/study/settings.ts';
import { prepareSplits } from '../../src/data/prepare.ts';
import { InputError } from '../../src/errors.ts';
import { parseJsonText } from '../../src/files/json-text.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

// Fixed seeds and bounded runs: the same cases every time, a few seconds in all.
const settings = { seed: 20261129, numRuns: 300 };

/** Runs `read`; it must either succeed or refuse with an InputError, which the CLI prints as one line with exit 2. */
function parsesOrRefuses(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { text, code } = errorLine(error);
    expect(code).toBe(2);
    expect(text).not.toMatch(/[\n\r]/);
  }
}

// Cells from pieces that trouble CSV readers: quotes, separators, newlines, non-decimal numbers, a BOM, empty cells.
const cell = fc.oneof(
  fc.constantFrom('', '1', '-2.5', '1e3', '0x10', '0b11', 'NaN', 'Infinity', 'a', 'b', 'label', 'x', '"', '""', ',', '\n', '\r\n', ' ', '\ufeff', '__proto__'),
  fc.string({ maxLength: 6 }),
  fc.double().map(String),
);
const row = fc.array(cell, { minLength: 0, maxLength: 5 }).map((cells) => cells.join(','));
// Mostly plain decimals (numeric labels too), now and then an empty or non-decimal cell.
const tableCell = fc.oneof({ weight: 30, arbitrary: fc.constantFrom('1', '2.5', '-3', '1e2') }, { weight: 1, arbitrary: fc.constantFrom('', '0x10', '0b11', 'a') });
const csvText = fc.oneof(
  fc.array(row, { minLength: 0, maxLength: 30 }).chain((rows) =>
    fc.constantFrom('', '\ufeff', 'x,label\n', 'label,label\n').map((head) => head + rows.join('\n'))),
  // Nearly well-formed tables, so that many parse: a header of known names (maybe repeated), then rows of its width.
  fc.array(fc.constantFrom('x', 'y', 'label'), { minLength: 1, maxLength: 4 }).chain((header) =>
    fc.array(fc.array(tableCell, { minLength: header.length, maxLength: header.length }), { minLength: 0, maxLength: 40 })
      .map((rows) => [header, ...rows].map((r) => r.join(',')).join('\n'))),
);

const key = fc.constantFrom('params', 'lr', 'kind', 'low', 'high', 'values', 'when', 'strategy', 'optimizer', 'rounds', 'trials', 'dataset', 'metric', '__proto__', 'constructor', 'smote.k', 'hidden');
const leaf = fc.oneof(fc.constantFrom('uniform', 'loguniform', 'int', 'choice', 'adam', 'smote', 'none', 'mnist'), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 4 }));
const { value: configValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  array: fc.array(tie('value'), { maxLength: 4 }),
}));
// A JSON text as written (with "__proto__" as a plain key), sometimes cut short, sometimes with a BOM or deep nesting.
const configText = fc.oneof(
  configValue.map((v) => JSON.stringify(v)),
  fc.tuple(configValue.map((v) => JSON.stringify(v)), fc.nat(40)).map(([text, cut]) => text.slice(0, cut)),
  configValue.map((v) => `\ufeff${JSON.stringify({ params: v })}`),
  // Deep enough, past some 3,000 levels, to overflow the stack of a recursive check without the depth limit.
  fc.nat(6000).map((n) => `{"params":{"hidden":{"kind":"choice","values":${'['.repeat(n)}${']'.repeat(n)}}}}`),
  fc.string({ maxLength: 30 }),
);

describe('fuzzing the parsers: any input parses or is refused with exit-2 semantics, never a thrown system error', () => {
  it('CSV: the loader and the splits', () => {
    const dir = tempDir();
    fc.assert(fc.property(csvText, (text) => {
      const path = join(dir, 'fuzz.csv');
      writeFileSync(path, text);
      parsesOrRefuses(() => {
        const source = loadCsv(path);
        // What parses is sound: no class named by an empty cell, no column named twice, and splits that all hold rows.
        expect(source.data.classNames).not.toContain('');
        expect(new Set([...source.data.featureNames, 'label']).size).toBe(source.data.featureNames.length + 1);
        const splits = prepareSplits(source, { seed: 1 });
        expect(Math.min(splits.train.y.length, splits.validation.y.length, splits.test.y.length)).toBeGreaterThan(0);
      });
    }), settings);
  });

  it('config JSON: the text and the settings with their space', () => {
    fc.assert(fc.property(configText, (text) => {
      parsesOrRefuses(() => parseSettings(parseJsonText(text, 'fuzz.json'), 'fuzz.json'));
    }), settings);
  });

  it('config JSON: a key repeated in one object is always refused (JSON.parse alone keeps the last silently)', () => {
    fc.assert(fc.property(key, configValue, configValue, fc.boolean(), (k, a, b, nested) => {
      const twice = `{${JSON.stringify(k)}: ${JSON.stringify(a)}, ${JSON.stringify(k)}: ${JSON.stringify(b)}}`;
      const text = nested ? `{"params": ${twice}}` : twice;
      expect(() => parseJsonText(text, 'fuzz.json')).toThrow(new InputError(`fuzz.json: the key ${JSON.stringify(k)} appears twice in one object`));
    }), settings);
  });

  it('predict rows: any CSV gives finite feature values in the model\'s order, or is refused', () => {
    const dir = tempDir();
    fc.assert(fc.property(csvText, fc.constantFrom([], ['label']), (text, keep) => {
      const path = join(dir, 'rows.csv');
      writeFileSync(path, text);
      parsesOrRefuses(() => {
        const { x } = predictionInput(readCsv(path), ['x'], keep, path);
        expect(x.data.every(Number.isFinite)).toBe(true);
      });
    }), settings);
  });

  it('model files: any bytes changed in a good one load to probabilities that are finite and sum to 1, or are refused', () => {
    const network = mlp({ inputs: 2, outputs: 2, hidden: [3], activation: 'relu', init: 'he', batchnorm: true, dropout: 0 }, createRng(1));
    const good = modelBytes({
      classifier: network, features: ['a', 'b'], classes: ['no', 'yes'], dataset: 'csv:x.csv', fingerprint: 'sha256:0', strategy: 'none',
      training: {}, decision: argmaxRule(2), test: {}, createdBy: 'fuzz',
      standardizer: { mean: Float64Array.from([1, 2]), sd: Float64Array.from([1, 1]) },
    });
    const rows = fromRows([[0.5, 2], [-3, 7]], 'float64');
    const edits = fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 });
    // Also whole numbers of the tensors set to what no trained network holds (the header's length is at byte 12).
    const data = 16 + good.readUInt32LE(12);
    const special = fc.option(fc.tuple(fc.nat(Math.floor((good.length - data) / 4) - 1), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0)), { nil: undefined });
    fc.assert(fc.property(edits, fc.nat(good.length), special, (changes, cut, number) => {
      const bytes = Buffer.from(good.subarray(0, cut === good.length ? undefined : Math.max(cut, good.length - 64)));
      for (const [at, value] of changes) if (at < bytes.length) bytes[at] = value;
      if (number && data + 4 * number[0] + 4 <= bytes.length) bytes.writeFloatLE(number[1], data + 4 * number[0]);
      parsesOrRefuses(() => {
        const p = modelFromBytes(bytes, 'fuzz.skt').predictProba(rows);
        expect(p.data.every(Number.isFinite)).toBe(true);
        for (let i = 0; i < p.rows; i++) expect(p.data[i * p.cols]! + p.data[i * p.cols + 1]!).toBeCloseTo(1, 6);
      });
    }), settings);
  });

  it('the command line prints one line and no stack trace for fuzzed files', async () => {
    const dir = tempDir();
    const cases = [...fc.sample(csvText, { seed: 7, numRuns: 3 }), ...fc.sample(configText, { seed: 7, numRuns: 3 })];
    const runs = await Promise.all(cases.map((text, i) => {
      const path = join(dir, `case${i}.${i < 3 ? 'csv' : 'json'}`);
      writeFileSync(path, text);
      return cli(i < 3 ? ['train', '--dataset', `csv:${path}`, '--epochs', '1', '--hidden', '4'] : ['search', '--config', path, '--dataset', 'csv:none.csv']);
    }));
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/^\s+at /m);
      if (run.code !== 0) {
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
      }
    }
  }, 120_000);
});
