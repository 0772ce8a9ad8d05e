import { Command, InvalidArgumentError } from 'commander';
import { datasetEntries } from '../../datasets/registry.ts';
import { scalingNames, type Scaling } from '../data/encoder-fit.ts';
import { defaultMaxCategories, defaultScaling } from '../data/encoder.ts';
import { parseImbalance, type Imbalance } from '../data/imbalance.ts';
import { defaultMissingValues, maxDistinctLevels } from '../data/table.ts';
import { listed } from './listed.ts';
import { intFrom } from './options.ts';

function imbalanceOption(value: string): Imbalance {
  try {
    return parseImbalance(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

// Given again, a list flag adds to it (`--categorical a --categorical b`).
const names = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];
const markers = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim())];

function scaling(value: string): Scaling {
  const found = scalingNames.find((n) => n === value);
  if (!found) throw new InvalidArgumentError(`must be one of ${scalingNames.join(', ')}`);
  return found;
}

function testFile(value: string): string {
  if (!/^csv:./.test(value)) throw new InvalidArgumentError('must be csv:PATH, a CSV file with the training file\'s columns');
  return value;
}

/** Adds how a CSV table's columns are read: --categorical, --numeric, --missing-values and --max-categories. */
export function addTableOptions(command: Command): Command {
  return command
    .option('--categorical <columns>', 'CSV columns read as categories whatever their cells, comma-separated', names)
    .option('--numeric <columns>', 'CSV columns read as numbers (a cell that is not one is refused), comma-separated', names)
    .option('--missing-values <cells>', `cells that count as missing besides the empty one (default ${defaultMissingValues.filter((v) => v !== '').join(',')}), comma-separated`, markers)
    .option('--max-categories <n>', `one-hot columns of a categorical column; its rarest levels beyond merge into "(other)" (default ${defaultMaxCategories})`,
      intFrom(2, maxDistinctLevels));
}

/** Adds --dataset, --label, --imbalance and the options of a CSV table (types, missing cells, one-hot cap, scaling, test file). */
export function addDataOptions(command: Command, required = true): Command {
  const dataset = '--dataset <spec>';
  const help = `${listed(datasetEntries.map((e) => e.form))} (see \`skewtune datasets\`)`;
  (required ? command.requiredOption(dataset, help) : command.option(dataset, help));
  command
    .option('--label <column>', 'label column of a CSV dataset', 'label')
    .option('--imbalance <spec>', 'make the training split imbalanced: lt:R (long-tailed) or minority:P', imbalanceOption);
  return addTableOptions(command)
    .option('--scaling <name>', `numeric CSV columns: ${scalingNames.join(', ')} (robust: median, quartiles, smooth clipping; default ${defaultScaling})`, scaling)
    .option('--test <csv:PATH>', 'a CSV file of test rows (the training file\'s columns); validation comes from the dataset', testFile);
}
