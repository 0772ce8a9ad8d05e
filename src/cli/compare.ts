import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { budgetKinds, type BudgetBy } from '../nn/budget.ts';
import { resolvedSpec, resolveStrategy } from '../../strategies/registry.ts';
import { defaultRepeats } from '../data/folds.ts';
import { InputError } from '../errors.ts';
import { renderCharts } from '../report/chart.ts';
import { renderComparison } from '../report/comparison.ts';
import { checkOutDir } from '../files/out-dir.ts';
import { writeReport } from '../report/write.ts';
import { commandLine } from './command-line.ts';
import { runComparison } from '../study/comparison.ts';
import { comparisonSearch, defaultComparisonTrials } from '../study/comparison-search.ts';
import type { DataOptions } from '../study/data.ts';
import { addDataOptions } from './data-options.ts';
import { limits } from '../limits.ts';
import { defaultWorkers, workerRule } from '../worker-limit.ts';
import { foldCount, intFrom, pathValue, workerCount } from './options.ts';
import { addTrainOptions, trainConfigFrom, type TrainOptions } from './train-options.ts';

interface Options extends DataOptions, TrainOptions {
  strategies: string[];
  seeds: number;
  cv?: number;
  repeats?: number;
  budgetBy: BudgetBy;
  search?: boolean;
  budget?: number;
  settle: boolean;
  workers: number;
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
  // Compared by their options written out: "smote" and "smote:k=5" are one strategy, trained twice under two names.
  const resolved = specs.map(resolvedSpec);
  const twice = resolved.findIndex((r, i) => resolved.indexOf(r) !== i);
  if (twice >= 0) throw new InvalidArgumentError(`"${specs[resolved.indexOf(resolved[twice]!)]}" and "${specs[twice]}" are the same strategy (${resolved[twice]}); list each once`);
  return specs;
}

/**
 * Epochs without a better validation macro-F1 after which a compared strategy has settled. Ten,
 * not the search's five: a compared run takes the library's default batch of 128, a few steps an
 * epoch on a table of hundreds of rows, and its macro-F1 moves by a row or two between epochs.
 */
export const settlePatience = 10;

/** The shared cap on a settling comparison, in epochs over the unresampled training split, when --epochs is not given. */
export const settleCapEpochs = 200;

/** `skewtune compare`: every strategy on the same splits over several seeds, as a report. */
export function compareCommand(): Command {
  const command = new Command('compare').description('compare data strategies on the same splits over several seeds; writes a markdown report');
  addDataOptions(command);
  addTrainOptions(command);
  return command
    .option('--strategies <list>', 'strategies to compare, comma-separated (a+b composes)', strategyList, ['none', 'bootstrap', 'smote', 'focal'])
    .option('--seeds <n>', 'training seeds per strategy (seed, seed+1, …)', intFrom(1, limits.repeats), 3)
    .option('--cv <k>', 'also score each strategy by stratified K-fold cross-validation of the training split (K >= 2)', foldCount)
    .option('--repeats <n>', `with --cv: deal the K folds this many times (default ${defaultRepeats})`, intFrom(1, limits.repeats))
    .addOption(new Option('--budget-by <kind>', 'what every strategy gets the same of: optimizer steps (those --epochs take on the training split) or epochs')
      .choices(budgetKinds).default('steps'))
    .option('--no-settle', 'train every strategy for the whole budget (--epochs), instead of until its validation macro-F1 settles')
    .option('--search', 'give each strategy its own short search of lr, l2 and dropout before its seeds run')
    .option('--budget <trials>', `trials of each strategy's search (with --search; default ${defaultComparisonTrials})`, intFrom(1, limits.trials))
    .option('--workers <n>', `trainings run at once, each on a worker thread (the report is the same; default: one a core; at most ${workerRule})`, workerCount, defaultWorkers())
    .option('--out <dir>', 'directory of the report', pathValue, 'runs/compare')
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action(async (options: Options, cmd: Command) => {
      const started = performance.now();
      // Until it settles, the epochs are a cap: the given --epochs, else settleCapEpochs.
      const capEpochs = options.settle && cmd.getOptionValueSource('epochs') !== 'cli' ? settleCapEpochs : options.epochs;
      if (options.repeats !== undefined && options.cv === undefined) throw new InputError(`--repeats ${options.repeats} needs --cv K: it repeats the K folds`);
      if (options.budget !== undefined && !options.search) throw new InputError('--budget sets the trials of each strategy\'s search, so it needs --search');
      checkOutDir(options.out, 'comparison', '--out');
      const { settle, ...given } = options;
      const report = await runComparison({
        ...given,
        seeds: Array.from({ length: options.seeds }, (_, i) => options.seed + i),
        config: trainConfigFrom({ ...options, epochs: capEpochs }),
        ...(settle && { settle: settlePatience }),
        search: options.search ? comparisonSearch(options.budget ?? defaultComparisonTrials) : undefined,
        workers: options.workers,
        command: commandLine(),
        decisions: true,
        ...(options.cv !== undefined && { crossValidation: { k: options.cv, repeats: options.repeats ?? defaultRepeats } }),
        log: (text) => !options.json && process.stderr.write(text),
      });
      const { markdown, charts } = renderComparison(report);
      const svgs = await renderCharts(charts);
      const seconds = (performance.now() - started) / 1000;
      // Timing is kept apart so the rest of report.json is byte-identical between identical runs.
      writeReport(options.out, { markdown, json: { ...report, timing: { seconds } }, charts: svgs });
      if (options.json) {
        const strategies = report.strategies.map((s) => ({ name: s.name, metrics: s.metrics, versusNone: s.versusNone, steps: s.steps, ...(s.settled && { settled: s.settled }) }));
        // Each strategy's decision rules on test, without the reliability bins (report.json has them).
        const decision = report.decision?.map((d) => ({ strategy: d.panel, rules: d.rules.map(({ bins: _bins, ...rule }) => rule) }));
        const crossValidation = report.crossValidation;
        // The CPU time of every thread of this process, so a run on a busy machine can still be compared.
        const cpu = process.cpuUsage();
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        const table = report.dataset.table;
        process.stdout.write(`${JSON.stringify({ strategies, budget: report.budget, out: resolve(options.out), seconds, cpuSeconds, decision, ...(crossValidation && { crossValidation }), ...(table && { table }) })}\n`);
      } else {
        process.stdout.write(`${markdown.split('## Data')[0]!.trim()}\n\nreport: ${resolve(options.out, 'README.md')}\n`);
      }
    });
}
