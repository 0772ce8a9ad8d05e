import { lastValueFrom } from 'rxjs';
import { resolveStrategy } from '../../strategies/registry.ts';
import type { Dataset } from '../data/dataset.ts';
import { stratifiedFolds } from '../data/folds.ts';
import { evaluate } from '../metrics/evaluate.ts';
import { meanInterval } from '../metrics/paired.ts';
import { train, type TrainConfig } from '../nn/trainer.ts';
import type { CrossValidatedStrategy } from '../report/cv-section.ts';
import { createRng, type Rng } from '../tensor/rng.ts';
import type { EncoderOptions } from '../data/encoder.ts';
import type { LabelledTable } from '../data/table.ts';
import { tabularFolds } from '../data/tabular.ts';

/** A table's training rows as an ids dataset (see `TabularSplits`), its table and encoding options: folds refit the encoding. */
export interface FoldTable {
  train: LabelledTable;
  ids: Dataset;
  options: EncoderOptions;
}

/** `--cv K` and `--repeats R` of a comparison. */
export interface CrossValidation {
  k: number;
  repeats: number;
}

/**
 * A strategy at one seed scored by stratified K-fold of the training split: for each fold (K·R
 * in all, dealt from `foldSeed` so every strategy and seed sees the same folds) the strategy
 * trains on the other folds, resampling only them, and its macro-F1 on the fold is kept. A
 * table's folds refit its encoding on their training part (`table`).
 *
 * @example
 * const scores = await foldScores('smote', splits.train, config, { k: 5, repeats: 1 }, 1);
 */
export async function foldScores(
  spec: string, rows: Dataset, config: TrainConfig, cv: CrossValidation, foldSeed: number, table?: FoldTable,
): Promise<number[]> {
  const deal = (rng: Rng) => (table ? tabularFolds(table.train, table.ids, cv.k, rng, table.options) : stratifiedFolds(rows, cv.k, rng));
  const folds = Array.from({ length: cv.repeats }, (_, r) => deal(createRng(foldSeed).fork(`cv/${r}`))).flat();
  const scores: number[] = [];
  for (const fold of folds) {
    const done = await lastValueFrom(resolveStrategy(spec)(train)({ train: fold.train, validation: fold.validation }, config));
    if (done.type !== 'done') throw new Error(`${spec}: training ended without a model`);
    scores.push(evaluate(done.model, fold.validation).macroF1);
  }
  return scores;
}

const sd = (xs: readonly number[]) => {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

/**
 * A strategy's cross-validated macro-F1 over seeds: each seed's mean over folds, their mean
 * with its interval, and the folds' spread (their standard deviation, averaged over seeds).
 */
export function crossValidatedStrategy(name: string, perSeed: readonly number[][]): CrossValidatedStrategy {
  const means = perSeed.map((scores) => scores.reduce((a, b) => a + b, 0) / scores.length);
  return { name, macroF1: meanInterval(means), perSeed: means, spread: perSeed.reduce((a, s) => a + sd(s), 0) / perSeed.length };
}
