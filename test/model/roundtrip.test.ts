import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../datasets/registry.ts';
import { resolveStrategy } from '../../strategies/registry.ts';
import { defaultTrainConfig, fromRows, loadModel, prepareSplits, train, type Dataset, type TrainConfig } from '../../src/index.ts';
import { tableTestRows } from '../helpers/table-rows.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeIdx, writeText } from '../helpers/files.ts';
import { seededRows } from './fixtures.ts';

/** What `train` computed for the test split, redone here with the same data, config and seed. */
async function trainedTestProbabilities(spec: string, strategy: string, config: TrainConfig): Promise<{ probabilities: number[]; raw: Dataset }> {
  const source = loadDataset(spec);
  const splits = prepareSplits(source, { seed: config.seed });
  // The same split of the unscaled rows: the test rows in the file's own units (a CSV's as its table read them).
  const raw = splits.tabular ? tableTestRows(splits.tabular) : prepareSplits({ ...source, standardize: false }, { seed: config.seed }).test;
  const done = await lastValueFrom(resolveStrategy(strategy)(train)({ train: splits.train, validation: splits.validation }, config));
  if (done.type !== 'done') throw new Error('no model');
  return { probabilities: Array.from(done.model.predictProba(splits.test.x).data), raw };
}

/** The test rows as a CSV in the source's units (IDX pixels as bytes 0…255), with an id column. */
function rowsCsv(raw: Dataset, divisor: number): string {
  const lines = [['id', ...raw.featureNames].join(',')];
  for (let i = 0; i < raw.x.rows; i++) {
    const cells = Array.from(raw.x.data.subarray(i * raw.x.cols, (i + 1) * raw.x.cols), 
      (v) => String(divisor === 1 ? v : Math.round(v * divisor)));
    lines.push([`row${i}`, ...cells].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function probabilityColumns(csv: string): number[] {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header!.split(',').map((c, j) => (c.startsWith('p_') ? j : -1)).filter((j) => j >= 0);
  return rows.flatMap((row) => columns.map((j) => Number(row.split(',')[j])));
}

const bits = (xs: readonly number[]) => xs.map((x) => Object.is(x, -0) ? '-0' : x.toString());

describe('a saved model predicts what train computed, bit for bit', () => {
  const cases: [string, (dir: string) => { spec: string; divisor: number }, string, string[]][] = [
    ['a CSV (standardised), batch norm and dropout', (dir) => ({ spec: `csv:${writeText(dir, 'data.csv', seededRows(240, 4, 3))}`, divisor: 1 }),
      'none', ['--batchnorm', '--dropout', '0.2']],
    ['IDX files (pixels scaled from bytes)', (dir) => {
      const labels = (n: number) => Array.from({ length: n }, (_, i) => (i * 7) % 3);
      writeIdx(dir, 'train', labels(90), 3, true);
      writeIdx(dir, 't10k', labels(30), 3, false);
      return { spec: `idx:${dir}`, divisor: 255 };
    }, 'none', []],
    ['a CSV with a bagged ensemble of three networks', (dir) => ({ spec: `csv:${writeText(dir, 'data.csv', seededRows(200, 3, 2))}`, divisor: 1 }),
      'bootstrap:bagging=3', []],
  ];

  it.each(cases)('%s', async (_, make, strategy, flags) => {
    const dir = tempDir();
    const { spec, divisor } = make(dir);
    const model = join(dir, 'm.skt');
    const trained = await cli(['train', '--dataset', spec, '--hidden', '6', '--epochs', '3', '--lr', '0.01', '--batch-size', '32',
      '--strategy', strategy, ...flags, '--seed', '3', '--save', model, '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    const config: TrainConfig = {
      ...defaultTrainConfig, hidden: [6], epochs: 3, optimizer: { name: 'adam', lr: 0.01 }, batchSize: 32, seed: 3,
      batchnorm: flags.includes('--batchnorm'), dropout: flags.includes('--dropout') ? 0.2 : 0,
    };
    const { probabilities, raw } = await trainedTestProbabilities(spec, strategy, config);
    const input = writeText(dir, 'rows.csv', rowsCsv(raw, divisor));
    const output = join(dir, 'out.csv');
    const predicted = await cli(['predict', '--model', model, '--input', input, '--output', output, '--keep', 'id', '--proba']);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(bits(probabilityColumns(readFileSync(output, 'utf8')))).toEqual(bits(probabilities));
    const rows = Array.from({ length: raw.x.rows }, (_, i) =>
      Array.from(raw.x.data.subarray(i * raw.x.cols, (i + 1) * raw.x.cols), (v) => (divisor === 1 ? v : Math.round(v * divisor))));
    expect(bits(Array.from(loadModel(model).predictProba(fromRows(rows, 'float64')).data))).toEqual(bits(probabilities));
    const report = JSON.parse(trained.stdout) as { test: unknown };
    expect(loadModel(model).header.test).toEqual(report.test);
  });
});
