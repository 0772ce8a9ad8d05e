import type { Command } from 'commander';
import type { ActivationName } from '../nn/layers/activation.ts';
import type { OptimizerName } from '../nn/optimizers/registry.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import {
  activationName, batchSize, hiddenLayers, initializerSpec, intFrom, integer, nonNegativeNumber, optimizerName,
  positiveNumber, rate,
} from './options.ts';
import { limits } from '../limits.ts';

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

/** Adds the model and training options with DESIGN.md's defaults. */
export function addTrainOptions(command: Command): Command {
  return command
    .option('--hidden <units>', 'hidden layer sizes, comma-separated', hiddenLayers, [256, 128])
    .option('--activation <name>', 'relu, sigmoid or tanh', activationName, 'relu')
    .option('--init <name>', 'he, he-uniform, xavier, xavier-normal or normal:SIGMA', initializerSpec, 'he')
    .option('--optimizer <name>', 'sgd, momentum, adagrad, rmsprop or adam', optimizerName, 'adam')
    .option('--lr <rate>', 'learning rate', positiveNumber, 0.001)
    .option('--batch-size <n>', 'examples per update; 1 = stochastic, "full" = batch gradient descent', batchSize, 128)
    .option('--epochs <n>', 'passes over the training split', intFrom(1, limits.epochs), 5)
    .option('--dropout <rate>', 'dropout rate after each hidden layer', rate, 0)
    .option('--batchnorm', 'batch normalisation before each activation', false)
    .option('--l1 <lambda>', 'L1 penalty strength', nonNegativeNumber, 0)
    .option('--l2 <lambda>', 'L2 penalty strength', nonNegativeNumber, 0)
    .option('--seed <n>', 'seed of every random choice', integer, 1);
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
