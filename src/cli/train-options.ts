import type { Command } from 'commander';
import { initializerNames } from '../nn/init.ts';
import { activationNames, type ActivationName } from '../nn/layers/activation.ts';
import { optimizerNames, type OptimizerName } from '../nn/optimizers/registry.ts';
import { trainLimits } from '../nn/limits.ts';
import { defaultTrainConfig as d, type TrainConfig } from '../nn/trainer.ts';
import {
  activationName, batchSize, hiddenLayers, initializerSpec, intFrom, integer, nonNegativeNumber, optimizerName,
  positiveNumber, rate,
} from './options.ts';
import { listed } from './listed.ts';

/** The model and training options as commander parses them. */
export interface TrainOptions {
  hidden: number[];
  activation: ActivationName;
  init: string;
  optimizer: OptimizerName;
  lr: number;
  batchSize: number | 'full';
  epochs: number;
  dropout: number;
  batchnorm: boolean;
  l1: number;
  l2: number;
  seed: number;
}

/** Adds the model and training options, with the trainer's defaults and the registries' names. */
export function addTrainOptions(command: Command): Command {
  return command
    .option('--hidden <units>', 'hidden layer sizes, comma-separated (none: no hidden layer)', hiddenLayers, [...d.hidden])
    .option('--activation <name>', listed(activationNames), activationName, d.activation)
    .option('--init <name>', listed(initializerNames), initializerSpec, d.init)
    .option('--optimizer <name>', listed(optimizerNames), optimizerName, d.optimizer.name)
    .option('--lr <rate>', 'learning rate', positiveNumber, d.optimizer.lr)
    .option('--batch-size <n>', 'examples per update; 1 = stochastic, "full" = batch gradient descent', batchSize, d.batchSize)
    .option('--epochs <n>', 'passes over the training split', intFrom(1, trainLimits.epochs.max), d.epochs)
    .option('--dropout <rate>', 'dropout rate after each hidden layer', rate, d.dropout)
    .option('--batchnorm', 'batch normalisation before each activation', d.batchnorm)
    .option('--l1 <lambda>', 'L1 penalty strength', nonNegativeNumber, d.l1)
    .option('--l2 <lambda>', 'L2 penalty strength', nonNegativeNumber, d.l2)
    .option('--seed <n>', 'seed of every random choice', integer, d.seed);
}

/** The trainer's config from parsed options. */
export function trainConfigFrom(o: TrainOptions): TrainConfig {
  return {
    hidden: o.hidden,
    activation: o.activation,
    init: o.init,
    batchnorm: o.batchnorm,
    dropout: o.dropout,
    optimizer: { name: o.optimizer, lr: o.lr },
    batchSize: o.batchSize,
    epochs: o.epochs,
    l1: o.l1,
    l2: o.l2,
    seed: o.seed,
  };
}
