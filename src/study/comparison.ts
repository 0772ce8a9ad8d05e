import { lastValueFrom, tap, toArray } from 'rxjs';
import { resolvedSpec, resolveStrategy, specDescription } from '../../strategies/registry.ts';
import { classCounts } from '../data/dataset.ts';
import { datasetHash } from '../data/hash.ts';
import { imbalanceSpec } from '../data/imbalance.ts';
import { metricsOf, predictions } from '../metrics/evaluate.ts';
import { pairedTTest, type MeanInterval, type PairedTest } from '../metrics/paired.ts';
import { seedInterval, seedResamples } from '../metrics/seed-interval.ts';
import { stepBudgeted, trainingSteps, type BudgetBy } from '../nn/budget.ts';
import { train, type EpochRecord, type Train, type TrainConfig } from '../nn/trainer.ts';
import { comparisonMetrics, type ComparisonMetric, type ComparisonReport, type StrategyResult } from '../report/comparison.ts';
import { receipt } from '../report/receipt.ts';
import { packageVersions } from '../report/reproduce.ts';
import { searchStrategy, type ComparisonSearch } from './comparison-search.ts';
import { loadSplits, type DataOptions } from './data.ts';

interface SeedRun {
  counts: number[];
  values: Record<ComparisonMetric, number>;
  recall: (number | null)[];
  confusion: number[][];
  history: EpochRecord[];
  /** The loss the trainer minimised, and its optimizer steps (summed over the models of a bagging strategy). */
  loss: string;
  steps: number;
  seconds: number;
}

/**
 * Trains one strategy at one seed and scores it on the test split. With a step budget, the
 * trainer stops after `steps` updates on whatever split the strategy hands it.
 */
async function runOnce(spec: string, splits: ReturnType<typeof loadSplits>, config: TrainConfig, minority: number, budget: { by: BudgetBy; steps: number }): Promise<SeedRun> {
  let counts: number[] = [];
  let loss = 'cross-entropy';
  let steps = 0;
  // The innermost trainer sees the training split and the loss as the strategy left them.
  const spy: Train = (data, c) => {
    counts = classCounts(data.train);
    loss = c.loss?.name ?? loss;
    return (budget.by === 'steps' ? stepBudgeted(train, budget.steps) : train)(data, c).pipe(tap((e) => e.type === 'done' && (steps += e.history.at(-1)?.steps ?? 0)));
  };
  const started = performance.now();
  const events = await lastValueFrom(resolveStrategy(spec)(spy)({ train: splits.train, validation: splits.validation }, config).pipe(toArray()));
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error(`${spec}: training ended without a model`);
  const m = metricsOf(predictions(done.model, splits.test));
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
  };
}

/** b − a paired by seed: the t-test's p, with the interval from the bootstrap over seeds (bounded, like every other). */
function versus(a: number[], b: number[], seed: string): PairedTest {
  return { ...pairedTTest(a, b), ...seedInterval(b.map((v, i) => v - a[i]!), { seed }) };
}

function summarise(name: string, runs: SeedRun[], baseline?: SeedRun[]): StrategyResult {
  const perSeed = Object.fromEntries(comparisonMetrics.map((m) => [m, runs.map((r) => r.values[m])])) as Record<ComparisonMetric, number[]>;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const classes = runs[0]!.recall.length;
  const curve = runs[0]!.history.map((h, e) => ({
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
    ...(baseline && {
      versusNone: {
        minorityRecall: versus(baseline.map((r) => r.values.minorityRecall), perSeed.minorityRecall, `${name}/minorityRecall`),
        macroF1: versus(baseline.map((r) => r.values.macroF1), perSeed.macroF1, `${name}/macroF1`),
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
}

/**
 * Trains every strategy at every seed on the same splits, one run after another, scores each
 * once on the test split, and gathers what the comparison report shows.
 *
 * @example
 * const report = await runComparison({ dataset: 'mnist', imbalance: parseImbalance('lt:100'), strategies: ['none', 'smote'],
 *   seeds: [1, 2, 3], config: defaultTrainConfig, command: 'skewtune compare …' });
 */
export async function runComparison(o: ComparisonOptions): Promise<ComparisonReport> {
  const splits = loadSplits(o, o.seeds[0]!);
  const trainCounts = classCounts(splits.train);
  const minority = trainCounts.indexOf(Math.min(...trainCounts));
  const budget = { by: o.budgetBy ?? 'steps', steps: trainingSteps(o.config, splits.train.y.length) } as const;
  const runs = new Map<string, SeedRun[]>();
  const searched = new Map<string, NonNullable<StrategyResult['searched']>>();
  for (const spec of o.strategies) {
    let config = o.config;
    if (o.search) {
      const found = await searchStrategy(spec, splits, o.config, o.search, o.seeds[0]!, budget.by === 'steps' ? budget.steps : null);
      o.log?.(`${spec}: its search chose ${JSON.stringify(found.params)} (validation macro-F1 ${found.score.toFixed(3)})\n`);
      searched.set(spec, { params: found.params, score: found.score });
      config = found.config;
    }
    const perSeed: SeedRun[] = [];
    for (const seed of o.seeds) {
      const run = await runOnce(spec, splits, { ...config, seed }, minority, budget);
      o.log?.(`${spec} seed ${seed}: macro-F1 ${run.values.macroF1.toFixed(3)}, minority recall ${run.values.minorityRecall.toFixed(3)} (${run.seconds.toFixed(1)}s)\n`);
      perSeed.push(run);
    }
    runs.set(spec, perSeed);
  }
  const baseline = runs.get('none');
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
    packages: packageVersions(['rxjs', 'seedrandom', 'simple-statistics', 'ml-knn', 'vega', 'vega-lite']),
    receipt: receipt(),
  };
}
