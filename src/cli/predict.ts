import { resolve } from 'node:path';
import { Command } from 'commander';
import { readCsv } from '../../datasets/csv.ts';
import { InputError } from '../errors.ts';
import { loadModel } from '../model/load.ts';
import { writeLinesAtomic } from '../files/write-lines.ts';
import { argmaxRows } from '../tensor/elementwise.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { csvField } from './csv-field.ts';
import { pathValue } from './options.ts';
import { checkOutputFile } from './output-file.ts';
import { predictionInput } from './predict-input.ts';
import { predictTableFile } from './predict-table.ts';

interface Options {
  model: string;
  input: string;
  output: string;
  keep: string[];
  proba?: boolean;
  json?: boolean;
}

// Given again, --keep adds its columns: the second once replaced the first silently (`--keep id --keep name` kept only name).
const columnList = (value: string, previous: string[]) => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];

function numericPrediction(path: string, model: ReturnType<typeof loadModel>, features: readonly string[], keep: readonly string[]) {
  const input = predictionInput(readCsv(path), features, keep, path);
  return { probabilities: model.predictProba(input.x), keep: input.keep };
}

/** The output table, a line at a time: the header, then each row's kept cells, class and probabilities (if given). */
function* predictionLines(
  header: string[], keep: string[][], classes: readonly string[], labels: Int32Array, probabilities: Matrix | null,
): Generator<string> {
  yield header.map(csvField).join(',');
  const k = classes.length;
  for (let i = 0; i < labels.length; i++) {
    const cells = keep[i]!.concat(classes[labels[i]!]!);
    if (probabilities) for (const p of probabilities.data.subarray(i * k, (i + 1) * k)) cells.push(String(p));
    yield cells.map(csvField).join(',');
  }
}

/**
 * `skewtune predict`: scores the rows of a CSV file with a saved model. One output row per
 * input row: the kept columns as read, the predicted class, and with --proba one probability
 * column `p_CLASS` per class (after the model's decision rule; shortest round-trip decimals).
 *
 * @example
 * // skewtune predict --model model.skt --input rows.csv --output out.csv --keep id --proba
 */
export function predictCommand(): Command {
  return new Command('predict')
    .description('predict the class of each row of a CSV file with a saved model')
    .requiredOption('--model <file>', 'model file written by train --save or search', pathValue)
    .requiredOption('--input <file>', 'CSV file with a header row holding every feature of the model', pathValue)
    .requiredOption('--output <file>', 'CSV file to write (its directory must exist)', pathValue)
    .option('--keep <columns>', 'identifying columns copied to the output, comma-separated (or --keep given again)', columnList, [])
    .option('--proba', 'add one probability column per class')
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action((o: Options) => {
      for (const [flag, path] of [['--model', o.model], ['--input', o.input]] as const) {
        if (resolve(o.output) === resolve(path)) throw new InputError(`--output ${o.output} is the ${flag} file; write the predictions elsewhere`);
      }
      checkOutputFile(o.output, '--output', 'out.csv');
      const model = loadModel(o.model);
      const { classes, features, decision } = model.header;
      const added = ['predicted', ...(o.proba ? classes.map((c) => `p_${c}`) : [])];
      const clash = o.keep.find((k) => added.includes(k));
      if (clash) throw new InputError(`--keep ${clash}: the output already has a column "${clash}"`);
      const input = model.predictTable ? predictTableFile(o.input, model, o.keep) : numericPrediction(o.input, model, features, o.keep);
      const { probabilities } = input;
      const labels = new Int32Array(probabilities.rows);
      argmaxRows(probabilities, labels);
      writeLinesAtomic(o.output, predictionLines([...o.keep, ...added], input.keep, classes, labels, o.proba ? probabilities : null));
      const counts = Object.fromEntries(classes.map((c) => [c, 0]));
      for (const label of labels) counts[classes[label]!]!++;
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ model: o.model, input: o.input, output: o.output, rows: labels.length, decision: decision.rule, predicted: counts })}\n`);
        return;
      }
      const summary = classes.map((c) => `${c}: ${counts[c]}`).join(', ');
      process.stdout.write(`wrote ${o.output}: ${labels.length} rows predicted with the ${decision.rule} rule (${summary})\n`);
    });
}
