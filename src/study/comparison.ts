import { classCounts } from '../data/dataset.ts';
import { datasetHash } from '../data/hash.ts';
import { imbalanceSpec } from '../data/imbalance.ts';
import { meanInterval, pairedTTest } from '../metrics/paired.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import { comparisonMetrics, type ComparisonMetric, type ComparisonReport, type StrategyResult } from '../report/comparison.ts';
import { packageVersions } from '../report/reproduce.ts';
import { comparisonPool, type ComparisonPool } from './comparison-pool.ts';
import { crossValidatedStrategy, type CrossValidation } from './comparison-cv.ts';
import { runOnce, type RunExtras, type SeedRun } from './comparison-seed.ts';
import { summariseRules } from '../model/rule-outcomes.ts';
import { InputError } from '../errors.ts';
import { runOf, shareSplits, type LoadedSplits } from './comparison-task.ts';
import { loadSplits, type DataOptions } from './data.ts';

type Task = { spec: string; seed: number };
type Logged = (spec: string, seed: number, run: SeedRun) => SeedRun;

async function inThisThread(tasks: Task[], run: (spec: string, seed: number) => Promise<SeedRun>): Promise<SeedRun[]> {
  const results: SeedRun[] = [];
  for (const { spec, seed } of tasks) results.push(await run(spec, seed));
  return results;
}

/** The runs on the pool's threads, sent the splits in shared memory; results in the order of `tasks`. */
async function onWorkers(pool: ComparisonPool, splits: LoadedSplits, o: ComparisonOptions, tasks: Task[], minority: number, logged: Logged): Promise<SeedRun[]> {
  const shared = shareSplits(splits);
  return Promise.all(tasks.map(async ({ spec, seed }) =>
    logged(spec, seed, runOf(await pool.run({ splits: shared, spec, config: { ...o.config, seed }, minority, extras: extrasOf(o) })))));
}

function summarise(name: string, runs: SeedRun[], baseline?: SeedRun[]): StrategyResult {
  const perSeed = Object.fromEntries(comparisonMetrics.map((m) => [m, runs.map((r) => r.values[m])])) as Record<ComparisonMetric, number[]>;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const classes = runs[0]!.recall.length;
  return {
    name,
    countsAfter: runs[0]!.counts,
    metrics: Object.fromEntries(comparisonMetrics.map((m) => [m, meanInterval(perSeed[m])])) as Record<ComparisonMetric, ReturnType<typeof meanInterval>>,
    perSeed,
    recall: Array.from({ length: classes }, (_, c) => {
      const defined = runs.map((r) => r.recall[c]).filter((x): x is number => x !== null);
      return defined.length === 0 ? null : mean(defined);
    }),
    confusion: runs[0]!.confusion.map((row, i) => row.map((_, j) => runs.reduce((s, r) => s + r.confusion[i]![j]!, 0))),
    curve: runs[0]!.history.map((h, e) => ({
      epoch: h.epoch,
      loss: mean(runs.map((r) => r.history[e]!.loss)),
      valAccuracy: mean(runs.map((r) => r.history[e]!.valAccuracy ?? 0)),
    })),
    ...(baseline && {
      versusNone: {
        minorityRecall: pairedTTest(baseline.map((r) => r.values.minorityRecall), perSeed.minorityRecall),
        macroF1: pairedTTest(baseline.map((r) => r.values.macroF1), perSeed.macroF1),
      },
    }),
  };
}

export interface ComparisonOptions extends DataOptions {
  /** Strategy specs, compared in this order; `none` is the baseline of the paired tests. */
  strategies: readonly string[];
  /** Training seeds of every strategy; the first also seeds the splits. */
  seeds: readonly number[];
  /** The configuration every strategy trains with (its seed is replaced by each of `seeds`). */
  config: TrainConfig;
  /** The command line for the report's Reproduce section. */
  command: string;
  /** Told after each run, e.g. for a progress line on stderr. */
  log?: (text: string) => void;
  /**
   * Worker threads that train at once (default 1: in this thread, one run after another).
   * Each run depends on its strategy, seed and splits alone, so the report is the same.
   */
  workers?: number;
  /** Fit every decision rule on validation and show them against argmax (see `decisionSection`). */
  decisions?: boolean;
  /** Score every strategy by K-fold of the training split too. */
  crossValidation?: CrossValidation;
}

/** A run's extras from the options: the folds come from the splits' seed, so every strategy and seed sees the same. */
const extrasOf = (o: ComparisonOptions): RunExtras => ({
  ...(o.decisions && { decisions: true }),
  ...(o.crossValidation && { crossValidation: o.crossValidation, foldSeed: o.seeds[0]! }),
});

/**
 * Trains every strategy at every seed on the same splits, on `workers` threads, scores each
 * once on the test split, and gathers what the comparison report shows.
 *
 * @example
 * const report = await runComparison({ dataset: 'mnist', imbalance: parseImbalance('lt:100'), strategies: ['none', 'smote'],
 *   seeds: [1, 2, 3], config: defaultTrainConfig, command: 'skewtune compare …' });
 */
export async function runComparison(o: ComparisonOptions): Promise<ComparisonReport> {
  const tasks = o.strategies.flatMap((spec) => o.seeds.map((seed) => ({ spec, seed })));
  const workers = Math.min(o.workers ?? 1, tasks.length);
  // The threads start (loading their modules) while this one loads the data.
  const pool = workers > 1 ? comparisonPool(workers) : null;
  try {
    const splits = loadSplits(o, o.seeds[0]!);
    const trainCounts = classCounts(splits.train);
    const minority = trainCounts.indexOf(Math.min(...trainCounts));
    if (o.crossValidation && o.crossValidation.k > splits.train.y.length) {
      throw new InputError(`--cv ${o.crossValidation.k}: the training split has only ${splits.train.y.length} rows`);
    }
    const logged = (spec: string, seed: number, run: SeedRun) => {
      o.log?.(`${spec} seed ${seed}: macro-F1 ${run.values.macroF1.toFixed(3)}, minority recall ${run.values.minorityRecall.toFixed(3)} (${run.seconds.toFixed(1)}s)\n`);
      return run;
    };
    const results = pool
      ? await onWorkers(pool, splits, o, tasks, minority, logged)
      : await inThisThread(tasks, (spec, seed) => runOnce(spec, splits, { ...o.config, seed }, minority, extrasOf(o)).then((run) => logged(spec, seed, run)));
    const runs = new Map(o.strategies.map((spec, i) => [spec, results.slice(i * o.seeds.length, (i + 1) * o.seeds.length)]));
    return report(o, splits, trainCounts, minority, runs);
  } finally {
    await pool?.close();
  }
}

function report(o: ComparisonOptions, splits: LoadedSplits, trainCounts: number[], minority: number, runs: Map<string, SeedRun[]>): ComparisonReport {
  const baseline = runs.get('none');
  return {
    kind: 'comparison',
    command: o.command,
    dataset: {
      name: splits.source,
      hash: datasetHash(splits.train),
      imbalance: o.imbalance ? imbalanceSpec(o.imbalance) : null,
      classes: [...splits.train.classNames],
      sizes: { train: splits.train.y.length, validation: splits.validation.y.length, test: splits.test.y.length },
      trainCounts,
      minority,
    },
    config: { ...o.config, seed: undefined },
    seeds: [...o.seeds],
    level: 0.95,
    search: false,
    strategies: [...runs].map(([name, r]) => summarise(name, r, name === 'none' ? undefined : baseline)),
    ...(o.crossValidation && {
      crossValidation: { ...o.crossValidation, strategies: [...runs].map(([name, r]) => crossValidatedStrategy(name, r.map((run) => run.folds!))) },
    }),
    ...(o.decisions && { decision: [...runs].map(([name, r]) => ({ panel: name, rules: summariseRules(r.map((run) => run.rules!)) })) }),
    packages: packageVersions(['rxjs', 'seedrandom', 'simple-statistics', 'ml-knn', 'vega', 'vega-lite']),
  };
}
