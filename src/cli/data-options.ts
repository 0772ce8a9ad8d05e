import { Command, InvalidArgumentError } from 'commander';
import { datasetEntries } from '../../datasets/registry.ts';
import { parseImbalance, type Imbalance } from '../data/imbalance.ts';
import { listed } from './listed.ts';

function imbalanceOption(value: string): Imbalance {
  try {
    return parseImbalance(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Adds --dataset, --label and --imbalance. */
export function addDataOptions(command: Command, required = true): Command {
  const dataset = '--dataset <spec>';
  const help = `${listed(datasetEntries.map((e) => e.form))} (see \`skewtune datasets\`)`;
  (required ? command.requiredOption(dataset, help) : command.option(dataset, help));
  return command
    .option('--label <column>', 'label column of a CSV dataset', 'label')
    .option('--imbalance <spec>', 'make the training split imbalanced: lt:R (long-tailed) or minority:P', imbalanceOption);
}
