import { lastValueFrom, tap, toArray } from 'rxjs';
import { resolveStrategy } from '../../strategies/registry.ts';
import { classCounts } from '../data/dataset.ts';
import { checkFiniteOutputs, metricsOf, predictions } from '../metrics/evaluate.ts';
import { stepBudgeted, type BudgetBy } from '../nn/budget.ts';
import { train, type EpochRecord, type Train, type TrainConfig } from '../nn/trainer.ts';
import type { ComparisonMetric } from '../report/comparison.ts';
import { decisionMetric } from '../model/decide.ts';
import { decisionRuleNames } from '../model/decision.ts';
import { ruleOutcomes, type RuleOutcome } from '../model/rule-outcomes.ts';
import { foldScores, type CrossValidation, type FoldTable } from './comparison-cv.ts';
import { untilSettled, type Settled } from './until-settled.ts';
import type { loadSplits } from './data.ts';

// One training of a comparison: a strategy at a seed, scored once on the test split. It
// depends on nothing else, so runs go to worker threads in any order (./comparison-task.ts).

/** What one run gives the report: plain data, so it crosses threads as is. */
export interface SeedRun {
  counts: number[];
  values: Record<ComparisonMetric, number>;
  recall: (number | null)[];
  confusion: number[][];
  history: EpochRecord[];
  /** The loss the trainer minimised, and its optimizer steps (summed over the models of a bagging strategy). */
  loss: string;
  steps: number;
  seconds: number;
  /** Each decision rule fitted on validation and scored on test, when the comparison shows them. */
  rules?: RuleOutcome[];
  /** The folds' macro-F1 with `--cv`. */
  folds?: number[];
  /** Where training stopped when it ran until it settled (the last model's, for a strategy that trains several). */
  settled?: Settled;
}

/** What a run does besides the test: the decision rules, and K-fold scoring (folds dealt from `foldSeed`). */
export interface RunExtras {
  decisions?: boolean;
  crossValidation?: CrossValidation;
  foldSeed?: number;
  /** A table's training rows (by number) and encoding options, to refit the encoding per fold. */
  table?: FoldTable;
}

/**
 * What every strategy gets the same of: with `steps`, the trainer stops after that many updates on
 * whatever split it is handed. With `settle`, training also stops once that many epochs pass
 * without a better validation macro-F1, keeping its best epoch: `steps` is then the shared cap.
 */
export interface Budget {
  by: BudgetBy;
  steps: number;
  settle?: number;
}

/**
 * Trains one strategy at one seed and scores it on the test split.
 *
 * @example
 * const run = await runOnce('smote', splits, { ...config, seed: 2 }, minority, { by: 'steps', steps: 65 });
 */
export async function runOnce(
  spec: string, splits: ReturnType<typeof loadSplits>, config: TrainConfig, minority: number, budget: Budget, extras: RunExtras = {},
): Promise<SeedRun> {
  let counts: number[] = [];
  let loss = 'cross-entropy';
  let steps = 0;
  let settled: Settled | undefined;
  const capped = budget.by === 'steps' ? stepBudgeted(train, budget.steps) : train;
  const inner = budget.settle === undefined ? capped : untilSettled(capped, budget.settle, (s) => { settled = s; });
  // The innermost trainer sees the training split and the loss as the strategy left them.
  const spy: Train = (data, c) => {
    counts = classCounts(data.train);
    loss = c.loss?.name ?? loss;
    return inner(data, c).pipe(tap((e) => e.type === 'done' && (steps += e.history.at(-1)?.steps ?? 0)));
  };
  const started = performance.now();
  const events = await lastValueFrom(resolveStrategy(spec)(spy)({ train: splits.train, validation: splits.validation }, config).pipe(toArray()));
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error(`${spec}: training ended without a model`);
  const tested = predictions(done.model, splits.test);
  checkFiniteOutputs(tested.probabilities);
  const m = metricsOf(tested);
  return {
    counts,
    values: {
      accuracy: m.accuracy, balancedAccuracy: m.balancedAccuracy, macroF1: m.macroF1, gmean: m.gmean,
      minorityRecall: m.perClass[minority]!.recall ?? 0, prAuc: m.prAuc ?? 0,
    },
    recall: m.perClass.map((c) => c.recall),
    confusion: m.confusion,
    history: done.history,
    loss,
    steps,
    seconds: (performance.now() - started) / 1000,
    ...(settled && { settled }),
    ...(extras.decisions && { rules: ruleOutcomes(done.model, splits, decisionRuleNames, decisionMetric('macroF1', splits.train.classNames).score, 'macroF1') }),
    ...(extras.crossValidation && { folds: await foldScores(spec, splits.train, config, extras.crossValidation, extras.foldSeed ?? 1, extras.table) }),
  };
}
