import { classCounts } from '../data/dataset.ts';
import { datasetHash } from '../data/hash.ts';
import { imbalanceSpec } from '../data/imbalance.ts';
import type { MeanInterval } from '../metrics/paired.ts';
import { pairedSeedTest, seedInterval, seedResamples } from '../metrics/seed-interval.ts';
import { trainingSteps, type BudgetBy } from '../nn/budget.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import { comparisonMetrics, type ComparisonMetric, type ComparisonReport, type StrategyResult } from '../report/comparison.ts';
import { receipt } from '../report/receipt.ts';
import { packageVersions } from '../report/reproduce.ts';
import { resolvedSpec, specDescription } from '../../strategies/registry.ts';
import { searchStrategy, type ComparisonSearch } from './comparison-search.ts';
import { comparisonPool, type ComparisonPool } from './comparison-pool.ts';
import { crossValidatedStrategy, type CrossValidation } from './comparison-cv.ts';
import { runOnce, type Budget, type RunExtras, type SeedRun } from './comparison-seed.ts';
import { summariseRules } from '../model/rule-outcomes.ts';
import { InputError } from '../errors.ts';
import { runOf, shareSplits, type LoadedSplits } from './comparison-task.ts';
import { runScheduled } from './schedule.ts';
import { describeTable, loadSplits, type DataOptions } from './data.ts';

type Task = { spec: string; seed: number; config: TrainConfig };
type Logged = (spec: string, seed: number, run: SeedRun) => SeedRun;

async function inThisThread(tasks: Task[], run: (task: Task) => Promise<SeedRun>): Promise<SeedRun[]> {
  const results: SeedRun[] = [];
  for (const task of tasks) results.push(await run(task));
  return results;
}

/**
 * The runs on the pool's threads, one lane each, longest strategy first once each has been
 * timed (./schedule.ts); the threads get the splits in shared memory. Results in the order
 * of `tasks`. This thread only hands out runs: were it to train too, a thread that finished
 * would wait for its next run until this one's training yielded (up to a whole run's
 * scoring, which does not yield).
 */
async function onWorkers(
  pool: ComparisonPool, workers: number, splits: LoadedSplits, tasks: Task[], minority: number, budget: Budget, extras: RunExtras, logged: Logged,
): Promise<SeedRun[]> {
  const shared = shareSplits(splits);
  const there = async ({ spec, seed, config }: Task) =>
    logged(spec, seed, runOf(await pool.run({ splits: shared, spec, config: { ...config, seed }, minority, budget, extras })));
  return runScheduled(tasks.map((task) => ({ ...task, group: task.spec })), Array.from({ length: workers }, () => there));
}

function summarise(name: string, runs: SeedRun[], baseline?: SeedRun[]): StrategyResult {
  const perSeed = Object.fromEntries(comparisonMetrics.map((m) => [m, runs.map((r) => r.values[m])])) as Record<ComparisonMetric, number[]>;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const classes = runs[0]!.recall.length;
  // Runs that stopped when they settled may differ in length: the curve covers the epochs every seed trained.
  const length = runs.reduce((least, r) => Math.min(least, r.history.length), Infinity);
  const curve = runs[0]!.history.slice(0, length).map((h, e) => ({
    epoch: h.epoch,
    steps: h.steps,
    loss: mean(runs.map((r) => r.history[e]!.loss)),
    valAccuracy: mean(runs.map((r) => r.history[e]!.valAccuracy ?? 0)),
  }));
  return {
    name,
    options: resolvedSpec(name),
    description: specDescription(name),
    countsAfter: runs[0]!.counts,
    rows: runs[0]!.counts.reduce((a, b) => a + b, 0),
    metrics: Object.fromEntries(comparisonMetrics.map((m) => [m, seedInterval(perSeed[m], { seed: `${name}/${m}` })])) as Record<ComparisonMetric, MeanInterval>,
    perSeed,
    recall: Array.from({ length: classes }, (_, c) => {
      const defined = runs.map((r) => r.recall[c]).filter((x): x is number => x !== null);
      return defined.length === 0 ? null : mean(defined);
    }),
    confusion: runs[0]!.confusion.map((row, i) => row.map((_, j) => runs.reduce((s, r) => s + r.confusion[i]![j]!, 0))),
    loss: runs[0]!.loss,
    steps: mean(runs.map((r) => r.steps)),
    curve,
    lastEpochGain: curve.length > 1 ? curve.at(-1)!.valAccuracy - curve.at(-2)!.valAccuracy : null,
    ...(runs.every((r) => r.settled) && {
      settled: {
        epoch: mean(runs.map((r) => r.settled!.epoch)), epochs: mean(runs.map((r) => r.settled!.epochs)),
        steps: mean(runs.map((r) => r.settled!.steps)), capped: runs.filter((r) => r.settled!.by === 'cap').length,
      },
    }),
    ...(baseline && {
      versusNone: {
        minorityRecall: pairedSeedTest(baseline.map((r) => r.values.minorityRecall), perSeed.minorityRecall, 'minorityRecall'),
        macroF1: pairedSeedTest(baseline.map((r) => r.values.macroF1), perSeed.macroF1, 'macroF1'),
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
  /**
   * What every strategy gets the same of (default `steps`): the optimizer steps that `config`
   * takes on the unresampled training split, or `config`'s epochs whatever the split's size.
   */
  budgetBy?: BudgetBy;
  /** Give each strategy its own short search before its seeds run (one shared configuration favours whichever strategy it suits). */
  search?: ComparisonSearch;
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
  /** Train each run until its validation macro-F1 has not improved for this many epochs (the budget is then the shared cap). */
  settle?: number;
}

/** A run's extras from the options: the folds come from the splits' seed, so every strategy and seed sees the same. */
const extrasOf = (o: ComparisonOptions, splits: LoadedSplits): RunExtras => ({
  ...(o.decisions && { decisions: true }),
  ...(o.crossValidation && { crossValidation: o.crossValidation, foldSeed: o.seeds[0]! }),
  // A table's folds refit its encoding on each fold's training part.
  ...(o.crossValidation && splits.tabular && {
    table: { train: splits.tabular.source.train, ids: splits.tabular.ids.train, options: splits.tabular.source.encoder },
  }),
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
  const workers = Math.min(o.workers ?? 1, o.strategies.length * o.seeds.length);
  // The threads start (loading their modules) while this one loads the data.
  const pool = workers > 1 ? comparisonPool(workers) : null;
  try {
    const splits = loadSplits(o, o.seeds[0]!);
    for (const note of describeTable(splits)?.notes ?? []) o.log?.(`note: ${note}\n`);
    const trainCounts = classCounts(splits.train);
    const minority = trainCounts.indexOf(trainCounts.reduce((a, b) => Math.min(a, b), Infinity));
    if (o.crossValidation && o.crossValidation.k > splits.train.y.length) {
      throw new InputError(`--cv ${o.crossValidation.k}: the training split has only ${splits.train.y.length} rows`);
    }
    const budget: Budget = { by: o.budgetBy ?? 'steps', steps: trainingSteps(o.config, splits.train.y.length), ...(o.settle !== undefined && { settle: o.settle }) };
    // Each strategy's own search (in this thread, before any seed) decides the configuration its seeds train with.
    const searched = new Map<string, NonNullable<StrategyResult['searched']>>();
    const configs = new Map<string, TrainConfig>();
    for (const spec of o.strategies) {
      if (!o.search) {
        configs.set(spec, o.config);
        continue;
      }
      const found = await searchStrategy(spec, splits, o.config, o.search, o.seeds[0]!, budget.by === 'steps' ? budget.steps : null);
      o.log?.(`${spec}: its search chose ${JSON.stringify(found.params)} (validation macro-F1 ${found.score.toFixed(3)})\n`);
      searched.set(spec, { params: found.params, score: found.score });
      configs.set(spec, found.config);
    }
    const tasks = o.strategies.flatMap((spec) => o.seeds.map((seed) => ({ spec, seed, config: configs.get(spec)! })));
    const logged = (spec: string, seed: number, run: SeedRun) => {
      o.log?.(`${spec} seed ${seed}: macro-F1 ${run.values.macroF1.toFixed(3)}, minority recall ${run.values.minorityRecall.toFixed(3)} (${run.seconds.toFixed(1)}s)\n`);
      return run;
    };
    const here = ({ spec, seed, config }: Task) => runOnce(spec, splits, { ...config, seed }, minority, budget, extrasOf(o, splits)).then((run) => logged(spec, seed, run));
    const results = pool ? await onWorkers(pool, workers, splits, tasks, minority, budget, extrasOf(o, splits), logged) : await inThisThread(tasks, here);
    const runs = new Map(o.strategies.map((spec, i) => [spec, results.slice(i * o.seeds.length, (i + 1) * o.seeds.length)]));
    return report(o, splits, trainCounts, minority, runs, budget, searched);
  } finally {
    await pool?.close();
  }
}

function report(
  o: ComparisonOptions, splits: LoadedSplits, trainCounts: number[], minority: number, runs: Map<string, SeedRun[]>,
  budget: Budget, searched: Map<string, NonNullable<StrategyResult['searched']>>,
): ComparisonReport {
  const baseline = runs.get('none');
  const table = describeTable(splits);
  return {
    kind: 'comparison',
    command: o.command,
    dataset: {
      name: splits.source,
      hash: datasetHash(splits.train),
      fingerprints: splits.fingerprints,
      imbalance: o.imbalance ? imbalanceSpec(o.imbalance) : null,
      classes: [...splits.train.classNames],
      sizes: { train: splits.train.y.length, validation: splits.validation.y.length, test: splits.test.y.length },
      trainCounts,
      minority,
      ...(table && { table }),
    },
    config: { ...o.config, seed: undefined },
    seeds: [...o.seeds],
    budget: { ...budget, epochs: o.config.epochs },
    level: 0.95,
    resamples: seedResamples,
    search: o.search ?? null,
    strategies: [...runs].map(([name, r]) => ({
      ...summarise(name, r, name === 'none' ? undefined : baseline), ...(searched.has(name) && { searched: searched.get(name)! }),
    })),
    ...(o.crossValidation && {
      crossValidation: { ...o.crossValidation, strategies: [...runs].map(([name, r]) => crossValidatedStrategy(name, r.map((run) => run.folds!))) },
    }),
    ...(o.decisions && { decision: [...runs].map(([name, r]) => ({ panel: name, rules: summariseRules(r.map((run) => run.rules!)) })) }),
    packages: packageVersions(['rxjs', 'seedrandom', 'simple-statistics', 'ml-knn', 'vega', 'vega-lite']),
    receipt: receipt(),
  };
}
