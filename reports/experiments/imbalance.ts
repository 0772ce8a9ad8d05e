import { runComparison } from '../../src/study/comparison.ts';
import {
  comparisonBody, defaultTrainConfig, escapeMarkdown, fixed, parseImbalance, renderComparison, type ComparisonReport, type StrategyResult,
} from '../../src/internal.ts';
import type { Experiment } from './experiment.ts';

// `skewtune compare --dataset mnist --imbalance lt:100 --strategies none,bootstrap,smote,focal,class-weight --seeds 5 --no-settle`,
// with the trainer's default configuration and equal optimizer steps: the lecture's imbalance strategies on a long tail.
const strategies = ['none', 'bootstrap', 'smote', 'focal', 'class-weight'];
const seeds = [1, 2, 3, 4, 5];

const span = (values: readonly { name: string; value: number }[]) => {
  const sorted = [...values].sort((a, b) => a.value - b.value);
  return { low: sorted[0]!, high: sorted.at(-1)! };
};

/**
 * The comparison's result in one sentence whose every clause follows from the numbers: how far
 * the strategies moved the smallest class's recall and macro-F1 from `none`, whether each gain's
 * interval excludes zero, and whether the intervals let the strategies be ranked at all.
 */
function finding(r: ComparisonReport): string {
  const none = r.strategies.find((s) => s.name === 'none')!;
  const others = r.strategies.filter((s): s is StrategyResult & Required<Pick<StrategyResult, 'versusNone'>> => s.versusNone !== undefined);
  const recall = span(others.map((s) => ({ name: s.name, value: s.metrics.minorityRecall.mean })));
  const f1 = span(others.map((s) => ({ name: s.name, value: s.metrics.macroF1.mean })));
  const raised = others.every((s) => s.versusNone.minorityRecall.mean > 0 && s.versusNone.macroF1.mean > 0);
  const clear = others.every((s) => s.versusNone.minorityRecall.low > 0 && s.versusNone.macroF1.low > 0);
  const top = others.find((s) => s.name === f1.high.name)!;
  const ranked = others.every((s) => s === top || s.metrics.macroF1.high < top.metrics.macroF1.low);
  const smallest = escapeMarkdown(r.dataset.classes[r.dataset.minority]!);
  return `With a 100:1 long-tailed training split, ${raised ? 'every strategy lifted' : 'the strategies moved'} the smallest class's (${smallest}) ` +
    `test recall from ${fixed(none.metrics.minorityRecall.mean)} with none to between ${fixed(recall.low.value)} (${recall.low.name}) and ` +
    `${fixed(recall.high.value)} (${recall.high.name}), and macro-F1 from ${fixed(none.metrics.macroF1.mean)} to between ${fixed(f1.low.value)} ` +
    `(${f1.low.name}) and ${fixed(f1.high.value)} (${f1.high.name}), ${clear ? 'each gain\'s 95% CI above zero' : 'though not every gain\'s 95% CI excludes zero'} ` +
    `over ${r.seeds.length} seeds; ${ranked ? `${top.name}'s macro-F1 interval lies above every other strategy's` : 'their macro-F1 intervals overlap, so these runs do not rank the strategies'}.`;
}

export const imbalanceExperiment: Experiment = {
  name: 'imbalance',
  async run({ workers }) {
    const report = await runComparison({
      dataset: 'mnist', label: 'label', imbalance: parseImbalance('lt:100'), strategies, seeds,
      config: defaultTrainConfig, budgetBy: 'steps', command: 'npm run reports -- imbalance', workers,
    });
    const { packages: _versions, receipt: _machine, ...numbers } = report;
    return {
      title: 'Imbalance: none, bootstrap, SMOTE, focal loss and class weights on MNIST with a 100:1 long tail',
      finding: finding(report),
      body: [
        `The training split of MNIST made long-tailed (lt:100: class sizes fall exponentially from digit 0 to digit 9, largest / smallest = 100);`,
        'validation and test splits keep their natural balance. Every strategy trains the default network (784-256-128-10 ReLU, Adam,',
        `η = 0.001, batches of 128) on the same splits with seeds ${seeds.join(', ')}, for the optimizer steps that 5 epochs take on the`,
        'long-tailed training split, as `skewtune compare --no-settle` does (by default compare trains each strategy until it settles).',
        '',
        comparisonBody(report).trimEnd(),
      ].join('\n'),
      charts: renderComparison(report).charts,
      json: numbers,
      seeds,
      data: report.dataset.fingerprints,
    };
  },
};
