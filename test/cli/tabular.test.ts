import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { writeVegaCsv } from '../helpers/vega.ts';

const dir = tempDir();
const penguins = writeVegaCsv(dir, 'penguins');
const cars = writeVegaCsv(dir, 'cars');
const small = ['--hidden', '16', '--epochs', '4', '--batch-size', '32', '--lr', '0.01'];

/** Rows of each class in a CSV's label column (cells without commas or quotes). */
function classCounts(path: string, label: string): Record<string, number> {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const j = header!.split(',').indexOf(label);
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.split(',')[j]!] = (counts[row.split(',')[j]!] ?? 0) + 1;
  return counts;
}

const probabilityColumns = (csv: string) => csv.trim().split('\n').map((line) => line.split(',').slice(-3).join(','));

interface TrainJson {
  test: { perClass: { class: string; support: number }[] };
  dataset: { table: { columns: { name: string; type: string }[]; notes: string[]; scaling: string; testFile: string | null } };
}

describe('CSV tables with text categories and missing cells, end to end', () => {
  it('train --test scores exactly the test file\'s rows, states the column types, and predict on its raw rows gives the same probabilities bit for bit', async () => {
    const model = join(dir, 'penguins.skt');
    const predictions = join(dir, 'penguins-test-predictions.csv');
    const trained = await cli(['train', '--dataset', `csv:${penguins.train}`, '--test', `csv:${penguins.test}`, '--label', 'Species', ...small,
      '--decision', 'prior', '--save', model, '--predictions', predictions, '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    const report = JSON.parse(trained.stdout) as TrainJson;
    const support = Object.fromEntries(report.test.perClass.map((c) => [c.class, c.support]));
    expect(support).toEqual(classCounts(penguins.test, 'Species'));
    expect(report.dataset.table.testFile).toBe(penguins.test);
    expect(report.dataset.table.columns).toEqual([
      { name: 'Island', type: 'categorical' }, { name: 'Beak Length (mm)', type: 'numeric' }, { name: 'Beak Depth (mm)', type: 'numeric' },
      { name: 'Flipper Length (mm)', type: 'numeric' }, { name: 'Body Mass (g)', type: 'numeric' }, { name: 'Sex', type: 'categorical' },
    ]);
    // The test file has blanks in Sex and in the measurements: read as gaps, as in training.
    expect(readFileSync(penguins.test, 'utf8')).toMatch(/,,|,\n/);
    const output = join(dir, 'penguins-out.csv');
    const predicted = await cli(['predict', '--model', model, '--input', penguins.test, '--output', output, '--keep', 'Species', '--proba']);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(probabilityColumns(readFileSync(output, 'utf8'))).toEqual(probabilityColumns(readFileSync(predictions, 'utf8')));
  });

  it.each(['seattle-weather', 'birdstrikes'] as const)('%s: train --test and predict agree bit for bit on the test file\'s raw rows', async (name) => {
    const files = writeVegaCsv(dir, name);
    const model = join(dir, `${name}.skt`);
    const predictions = join(dir, `${name}-test-predictions.csv`);
    const trained = await cli(['train', '--dataset', `csv:${files.train}`, '--test', `csv:${files.test}`, '--label', files.label, ...small,
      '--save', model, '--predictions', predictions, '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    const report = JSON.parse(trained.stdout) as TrainJson;
    // A class of the training file may have no test row (birdstrikes' one "B"): support 0.
    const support = report.test.perClass.filter((c) => c.support > 0).map((c) => [c.class, c.support]);
    expect(Object.fromEntries(support)).toEqual(classCounts(files.test, files.label));
    const output = join(dir, `${name}-out.csv`);
    const predicted = await cli(['predict', '--model', model, '--input', files.test, '--output', output, '--keep', files.label, '--proba']);
    expect(predicted.code, predicted.stderr).toBe(0);
    const k = report.test.perClass.length;
    const columns = (csv: string) => csv.trim().split('\n').map((line) => line.split(',').slice(-k).join(','));
    expect(columns(readFileSync(output, 'utf8'))).toEqual(columns(readFileSync(predictions, 'utf8')));
  });

  it('predict takes a category never seen in training and blank cells without an error', async () => {
    const model = join(dir, 'cars.skt');
    const trained = await cli(['train', '--dataset', `csv:${cars.train}`, '--label', 'Origin', ...small, '--scaling', 'robust', '--save', model]);
    expect(trained.code, trained.stderr).toBe(0);
    // Name has 300 distinct values: the rarest merge into "(other)", and the note says so on stderr.
    expect(trained.stderr).toMatch(/note: column "Name": its \d+ rarest levels merged into "\(other\)"/);
    const rows = writeText(dir, 'cars-new.csv', 'id,Name,Miles_per_Gallon,Cylinders,Displacement,Horsepower,Weight_in_lbs,Acceleration,Year\n' +
      'a,a car never seen,,4,,NA,2000,15,1999-01-01\nb,ford pinto,25,4,98,?,2046,19,1971-01-01\n');
    const output = join(dir, 'cars-new-out.csv');
    const predicted = await cli(['predict', '--model', model, '--input', rows, '--output', output, '--keep', 'id', '--proba']);
    expect(predicted.code, predicted.stderr).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,predicted,p_Europe,p_Japan,p_USA');
    expect(lines.slice(1).map((l) => l.split(',').slice(2).map(Number).reduce((a, b) => a + b, 0))).toEqual([expect.closeTo(1, 5), expect.closeTo(1, 5)]);
  });

  it('search --test: a small study on the table, its JSON and study.json state the columns and the test file, its model predicts raw rows', async () => {
    const out = join(dir, 'study');
    const searched = await cli(['search', '--dataset', `csv:${penguins.train}`, '--test', `csv:${penguins.test}`, '--label', 'Species',
      '--rounds', '1', '--trials', '2', '--epochs', '2', '--final-epochs', '2', '--ensemble', '1', '--recheck', '0', '--out', out, '--json']);
    expect(searched.code, searched.stderr).toBe(0);
    const report = JSON.parse(searched.stdout) as { test: TrainJson['test']; table: TrainJson['dataset']['table'] };
    expect(report.table.testFile).toBe(penguins.test);
    expect(Object.fromEntries(report.test.perClass.map((c) => [c.class, c.support]))).toEqual(classCounts(penguins.test, 'Species'));
    const study = JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')) as { table: TrainJson['dataset']['table']; config: { test: string } };
    expect(study.table.columns.find((c) => c.name === 'Island')?.type).toBe('categorical');
    expect(study.config.test).toBe(`csv:${penguins.test}`);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('**Columns.** Island (categorical)');
    const predicted = await cli(['predict', '--model', join(out, 'model.skt'), '--input', penguins.test, '--output', join(dir, 'study-out.csv'), '--keep', 'Species']);
    expect(predicted.code, predicted.stderr).toBe(0);
  });

  it('compare --test: strategies trained on the table, scored on exactly the test file\'s rows', async () => {
    const out = join(dir, 'compare');
    const compared = await cli(['compare', '--dataset', `csv:${penguins.train}`, '--test', `csv:${penguins.test}`, '--label', 'Species',
      '--strategies', 'none,smote', '--seeds', '1', ...small, '--workers', '1', '--out', out, '--json']);
    expect(compared.code, compared.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { dataset: { sizes: { test: number }; table: { testFile: string } } };
    expect(report.dataset.sizes.test).toBe(Object.values(classCounts(penguins.test, 'Species')).reduce((a, b) => a + b, 0));
    expect(report.dataset.table.testFile).toBe(penguins.test);
    expect((JSON.parse(compared.stdout) as { table: { testFile: string } }).table.testFile).toBe(penguins.test);
  });
});

describe('bad tabular input: one line, exit 2, nothing written', () => {
  const bad = (name: string, text: string) => writeText(dir, name, text);
  const distinct = bad('distinct.csv', `code,label\n${Array.from({ length: 100_001 }, (_, i) => `id${i},${i % 2}`).join('\n')}\n`);
  const config = bad('search.json', JSON.stringify({ dataset: 'cifar10' }));
  it.each([
    ['a missing label', ['--dataset', `csv:${bad('nolabel.csv', 'x,label\n1,a\n2,NA\n3,b\n')}`], /nolabel\.csv, data row 2, column "label": the label "NA" marks a missing value/],
    ['--categorical naming no column', ['--dataset', `csv:${penguins.train}`, '--label', 'Species', '--categorical', 'Beak'], /--categorical names no column "Beak" of .*penguins-train\.csv/],
    ['a test file whose columns differ', ['--dataset', `csv:${penguins.train}`, '--label', 'Species', '--test', `csv:${cars.test}`],
      /cars-test\.csv: its columns differ from the training file .*penguins-train\.csv's: "Species" is missing/],
    ['a category column of over 100,000 distinct values', ['--dataset', `csv:${distinct}`], /distinct\.csv, column "code": over 100,000 distinct values/],
    ['rows with differing cell counts', ['--dataset', `csv:${bad('ragged.csv', 'x,y,label\n1,2,a\n3,b\n')}`], /ragged\.csv, data row 2: 2 fields, but the header has 3/],
    ['a test class unseen in training', ['--dataset', `csv:${bad('tr.csv', 'x,label\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n')}`, '--test', `csv:${bad('te.csv', 'x,label\n1,zebra\n')}`],
      /te\.csv: class "zebra" of column "label" is not in the training file/],
  ])('%s', async (_, args, message) => {
    const model = join(dir, `bad-${_.replace(/\W/g, '')}.skt`);
    const run = await cli(['train', ...args, '--epochs', '1', '--save', model]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(model)).toBe(false);
  });

  it('an unknown dataset in a config file: the line names the config file and the field', async () => {
    const out = join(dir, 'never');
    const run = await cli(['search', '--config', config, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`skewtune: ${config}: dataset: unknown dataset "cifar10"; expected one of mnist, csv:PATH, idx:DIR`);
    expect(existsSync(out)).toBe(false);
  });
});
