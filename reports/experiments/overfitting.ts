import { createRng, defaultTrainConfig, evaluate, fixed, lineChart, seedInterval, stratifiedSplit, table, withInterval } from '../../src/internal.ts';
import { finished, mnist, trainRun, withSubset, type Experiment } from './experiment.ts';
import { inParallel } from './parallel.ts';

// The lecture's overfitting setting: 300 training digits and a deep network (six hidden
// layers of 100), trained long enough to memorise; then dropout, L2 (weight decay) and L1.
const variants = [
  { name: 'plain', dropout: 0, l1: 0, l2: 0 },
  { name: 'dropout 0.15', dropout: 0.15, l1: 0, l2: 0 },
  { name: 'L2 (weight decay) λ = 0.05', dropout: 0, l1: 0, l2: 0.05 },
  // λ chosen so that L1's pull on a typical weight (|w| ≈ 0.05) matches L2's: 0.005 = 2 · 0.05 · 0.05.
  { name: 'L1 λ = 0.005', dropout: 0, l1: 0.005, l2: 0 },
];
const epochs = 400;
const seeds = [1, 2, 3];
// The curves are scored on a fixed subset of the test split each epoch (the full split, 2,000 digits, only at the end).
const curveRows = 500;
const settings = variants.flatMap((v) => seeds.map((seed) => ({ ...v, seed })));

/** The 300-digit training subset, and the test subset the curves are scored on. */
function subsets() {
  const { splits } = mnist(1);
  const [, small] = stratifiedSplit(splits.train, 300 / splits.train.y.length, createRng(1));
  const [, curveTest] = stratifiedSplit(splits.test, curveRows / splits.test.y.length, createRng('curve'));
  return { splits, small, curveTest };
}

/** One variant at one seed (a unit of ./parallel.ts). */
export async function overfittingRun(v: (typeof settings)[number]) {
  const { splits, small, curveTest } = subsets();
  // The test subset stands in the validation slot only to draw its accuracy curve.
  const run = finished(await trainRun({ train: small, validation: curveTest }, {
    ...defaultTrainConfig, hidden: [100, 100, 100, 100, 100, 100], init: 'he', batchSize: 100,
    optimizer: { name: 'sgd', lr: 0.01 }, epochs, dropout: v.dropout, l1: v.l1, l2: v.l2, seed: v.seed,
  }));
  // Final accuracies in inference mode (dropout off); the curve's training accuracy is the
  // running one of each epoch, with dropout on.
  const trainAccuracy = evaluate(run.model, small).accuracy;
  const testAccuracy = evaluate(run.model, splits.test).accuracy;
  // How much the test curve still moved over the last 50 epochs: is the run long enough?
  const late = (from: number) => run.epochs.slice(from, from + 10).reduce((a, e) => a + e.valAccuracy!, 0) / 10;
  const curve = run.epochs.filter((e) => e.epoch % 5 === 0).map((e) => ({ epoch: e.epoch, train: e.trainAccuracy, test: e.valAccuracy! }));
  return { name: v.name, seed: v.seed, trainAccuracy, testAccuracy, gap: trainAccuracy - testAccuracy, lateChange: late(epochs - 10) - late(epochs - 60), curve };
}

export const overfittingExperiment: Experiment = {
  name: 'overfitting',
  async run({ workers }) {
    const { data } = mnist(1);
    const { splits, small, curveTest } = subsets();
    const runs = await inParallel(overfittingRun, import.meta.url, settings, workers, (v) => v.name);
    const summary = variants.map((v) => {
      const mine = runs.filter((r) => r.name === v.name);
      const interval = (field: 'trainAccuracy' | 'testAccuracy' | 'gap' | 'lateChange') => seedInterval(mine.map((r) => r[field]), { seed: `${v.name}/${field}` });
      return { ...v, trainAccuracy: interval('trainAccuracy'), testAccuracy: interval('testAccuracy'), gap: interval('gap'), lateChange: interval('lateChange') };
    });
    const plain = summary[0]!;
    const byGap = [...summary.slice(1)].sort((a, b) => a.gap.mean - b.gap.mean);
    const [best, second] = byGap;
    const clear = best!.gap.high < second!.gap.low;
    const raisers = summary.slice(1).filter((r) => r.testAccuracy.low > plain.testAccuracy.high);
    const finding =
      `On ${small.y.length} training digits the plain network reaches ${fixed(plain.trainAccuracy.mean)} training accuracy but ${fixed(plain.testAccuracy.mean)} on the test split ` +
      `(gap ${fixed(plain.gap.mean)}, mean of ${seeds.length} seeds after ${epochs} epochs); ${best!.name} narrows the gap most, to ${fixed(best!.gap.mean)}` +
      (clear ? `, its interval below every other's,` : `, though its interval overlaps ${second!.name}'s (${fixed(second!.gap.mean)}),`) +
      ` at a test accuracy of ${fixed(best!.testAccuracy.mean)} against the plain network's ${fixed(plain.testAccuracy.mean)}` +
      (raisers.length > 0
        ? `, while only ${raisers.map((r) => `${r.name} (${fixed(r.testAccuracy.mean)})`).join(' and ')} raises test accuracy with an interval clear of the plain network's.`
        : '; no variant raises test accuracy with an interval clear of the plain network\'s.');
    const points = runs.filter((r) => r.seed === seeds[0]).flatMap((r) => r.curve.flatMap((c) => [
      { epoch: c.epoch, accuracy: c.train, split: 'train', variant: r.name },
      { epoch: c.epoch, accuracy: c.test, split: `test (${curveTest.y.length} digits)`, variant: r.name },
    ]));
    const cell = (i: { mean: number; low: number; high: number }) => withInterval(i.mean, i.low, i.high);
    return {
      title: `Overfitting: ${small.y.length} training digits, with and without dropout, L2 and L1`,
      finding,
      body: [
        `${small.y.length} MNIST training digits, a 784-100×6-10 ReLU network, ${epochs} epochs of SGD (η = 0.01, batches of 100), seeds ${seeds.join(', ')}.`,
        'L2 (weight decay) adds λ·Σw² to the loss and L1 adds λ·Σ|w|. The table\'s accuracies are measured in inference mode (dropout off)',
        `on all ${splits.test.y.length} test digits, as means with 95% percentile bootstrap intervals over the seeds; the chart's training curve is`,
        `each epoch's running accuracy, with dropout on, and its test curve is scored on ${curveTest.y.length} of the test digits. "Last 50 epochs"`,
        `is the change of that test curve between epochs ${epochs - 59}–${epochs - 50} and ${epochs - 9}–${epochs} (mean of 10 epochs each): near 0, the run was long enough.`,
        '',
        table(['variant', 'train accuracy', 'test accuracy', 'gap', 'test curve, last 50 epochs'],
          summary.map((r) => [r.name, cell(r.trainAccuracy), cell(r.testAccuracy), cell(r.gap), cell(r.lateChange)]), ['l', 'r', 'r', 'r', 'r']),
        '',
        `![train and test accuracy per epoch (seed ${seeds[0]})](accuracy.svg)`,
      ].join('\n'),
      charts: { 'accuracy.svg': lineChart(points, { x: 'epoch', y: 'accuracy', series: 'split', facet: 'variant', width: 260, height: 200 }) },
      json: { epochs, seeds, trainingExamples: small.y.length, curveRows: curveTest.y.length, summary, runs },
      seeds,
      data: withSubset(data, small),
    };
  },
};
