import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { lastValueFrom, toArray } from 'rxjs';
import { resolveStrategy } from '../../strategies/registry.ts';
import { classCounts } from '../data/dataset.ts';
import { datasetHash } from '../data/hash.ts';
import { metricsOf, predictions } from '../metrics/evaluate.ts';
import { meanInterval, pairedTTest } from '../metrics/paired.ts';
import { train, type EpochRecord, type Train, type TrainConfig } from '../nn/trainer.ts';
import { renderSvg } from '../report/chart.ts';
import {
  comparisonMetrics, renderComparison, type ComparisonMetric, type ComparisonReport, type StrategyResult,
} from '../report/comparison.ts';
import { packageVersions } from '../report/reproduce.ts';
import { writeReport } from '../report/write.ts';
import { addDataOptions, loadSplits, type DataOptions } from './data-options.ts';
import { positiveInt } from './options.ts';
import { addTrainOptions, trainConfigFrom, type TrainOptions } from './train-options.ts';

interface Options extends DataOptions, TrainOptions {
  strategies: string[];
  seeds: number;
  out: string;
  json?: boolean;
}

/**
 * Splits `none,smote:k=3,ratio=0.5,smote+focal` into strategy specs: a piece holding `=`
 * but no `:` continues the previous strategy's options (names never contain `=`).
 */
export function strategyList(value: string): string[] {
  const specs: string[] = [];
  for (const piece of value.split(',').map((s) => s.trim())) {
    if (piece.includes('=') && !piece.includes(':') && specs.length > 0) specs[specs.length - 1] += `,${piece}`;
    else specs.push(piece);
  }
  if (specs.some((s) => s === '')) throw new InvalidArgumentError('must be a comma-separated list of strategies, such as none,smote,focal');
  try {
    specs.forEach(resolveStrategy);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return specs;
}

interface SeedRun {
  counts: number[];
  values: Record<ComparisonMetric, number>;
  recall: (number | null)[];
  confusion: number[][];
  history: EpochRecord[];
  seconds: number;
}

/** Trains one strategy at one seed and scores it on the test split. */
async function runOnce(spec: string, splits: ReturnType<typeof loadSplits>, config: TrainConfig, minority: number): Promise<SeedRun> {
  let counts: number[] = [];
  // The innermost trainer sees the training split as the strategy left it.
  const spy: Train = (data, c) => {
    counts = classCounts(data.train);
    return train(data, c);
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
    seconds: (performance.now() - started) / 1000,
  };
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

/** The command as typed, for the report's "Reproduce" section. */
function commandLine(): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['skewtune', ...process.argv.slice(2)].map(quote).join(' ');
}

/** `skewtune compare`: every strategy on the same splits over several seeds, as a report. */
export function compareCommand(): Command {
  const command = new Command('compare').description('compare data strategies on the same splits over several seeds; writes a markdown report');
  addDataOptions(command);
  addTrainOptions(command);
  return command
    .option('--strategies <list>', 'strategies to compare, comma-separated (a+b composes)', strategyList, ['none', 'bootstrap', 'smote', 'focal'])
    .option('--seeds <n>', 'training seeds per strategy (seed, seed+1, …)', positiveInt, 3)
    .option('--out <dir>', 'directory of the report', 'runs/compare')
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action(async (options: Options) => {
      const started = performance.now();
      const splits = loadSplits(options, options.seed);
      const trainCounts = classCounts(splits.train);
      const minority = trainCounts.indexOf(Math.min(...trainCounts));
      const seeds = Array.from({ length: options.seeds }, (_, i) => options.seed + i);
      const base = trainConfigFrom(options);
      const log = (text: string) => !options.json && process.stderr.write(text);
      const runs = new Map<string, SeedRun[]>();
      for (const spec of options.strategies) {
        const perSeed: SeedRun[] = [];
        for (const seed of seeds) {
          const run = await runOnce(spec, splits, { ...base, seed }, minority);
          log(`${spec} seed ${seed}: macro-F1 ${run.values.macroF1.toFixed(3)}, minority recall ${run.values.minorityRecall.toFixed(3)} (${run.seconds.toFixed(1)}s)\n`);
          perSeed.push(run);
        }
        runs.set(spec, perSeed);
      }
      const baseline = runs.get('none');
      const report: ComparisonReport = {
        kind: 'comparison',
        command: commandLine(),
        dataset: {
          name: splits.source,
          hash: datasetHash(splits.train),
          imbalance: options.imbalance ? (options.imbalance.kind === 'lt' ? `lt:${options.imbalance.ratio}` : `minority:${options.imbalance.fraction}`) : null,
          classes: [...splits.train.classNames],
          sizes: { train: splits.train.y.length, validation: splits.validation.y.length, test: splits.test.y.length },
          trainCounts,
          minority,
        },
        config: { ...base, seed: undefined },
        seeds,
        level: 0.95,
        search: false,
        strategies: [...runs].map(([name, r]) => summarise(name, r, name === 'none' ? undefined : baseline)),
        packages: packageVersions(['rxjs', 'seedrandom', 'simple-statistics', 'ml-knn', 'vega', 'vega-lite']),
      };
      const { markdown, charts } = renderComparison(report);
      const svgs = Object.fromEntries(await Promise.all(Object.entries(charts).map(async ([n, s]) => [n, await renderSvg(s)] as const)));
      const seconds = (performance.now() - started) / 1000;
      // Timing is kept apart so the rest of report.json is byte-identical between identical runs.
      writeReport(options.out, { markdown, json: { ...report, timing: { seconds } }, charts: svgs });
      if (options.json) {
        const strategies = report.strategies.map((s) => ({ name: s.name, metrics: s.metrics, versusNone: s.versusNone }));
        process.stdout.write(`${JSON.stringify({ strategies, out: resolve(options.out), seconds })}\n`);
      } else {
        process.stdout.write(`${markdown.split('## Data')[0]!.trim()}\n\nreport: ${resolve(options.out, 'README.md')}\n`);
      }
    });
}
