import { Command, InvalidArgumentError } from 'commander';
import { loadDataset } from '../../datasets/registry.ts';
import { classCounts } from '../data/dataset.ts';
import { splitFingerprints } from '../data/hash.ts';
import { parseImbalance, type Imbalance } from '../data/imbalance.ts';
import { prepareSplits, type Splits } from '../data/prepare.ts';

/** The options of every command that reads a dataset. */
export interface DataOptions {
  dataset: string;
  label?: string;
  imbalance?: Imbalance;
}

function imbalanceSpec(value: string): Imbalance {
  try {
    return parseImbalance(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Adds --dataset, --label and --imbalance. */
export function addDataOptions(command: Command, required = true): Command {
  const dataset = '--dataset <spec>';
  const help = 'mnist, csv:PATH or idx:DIR (see `skewtune datasets`)';
  (required ? command.requiredOption(dataset, help) : command.option(dataset, help));
  return command
    .option('--label <column>', 'label column of a CSV dataset', 'label')
    .option('--imbalance <spec>', 'make the training split imbalanced: lt:R (long-tailed) or minority:P', imbalanceSpec);
}

/** Loads the dataset and makes its seeded splits, with labelled fingerprints of the source and of each split. */
export function loadSplits(options: DataOptions, seed: number): Splits & { source: string; fingerprints: Record<string, string> } {
  const source = loadDataset(options.dataset, { ...(options.label !== undefined && { label: options.label }) });
  const splits = prepareSplits(source, { seed, ...(options.imbalance && { imbalance: options.imbalance }) });
  return { ...splits, source: source.name, fingerprints: splitFingerprints(source.name, source.data, splits) };
}

/** Sizes and class counts of the splits, for reports and --json. */
export function describeSplits(splits: Splits & { source: string }) {
  return {
    name: splits.source,
    classes: splits.train.classNames,
    features: splits.train.x.cols,
    train: classCounts(splits.train),
    validation: classCounts(splits.validation),
    test: classCounts(splits.test),
  };
}
