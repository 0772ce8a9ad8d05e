import { defaultTrainConfig, evaluate, fixed, lineChart, seedInterval, table, type OptimizerConfig } from '../../src/internal.ts';
import { finished, mnist, smooth, tailMean, trainRun, type Experiment } from './experiment.ts';
import { inParallel } from './parallel.ts';

// The lecture's optimizer comparison: a 5-layer network (four hidden layers of 100 ReLU
// units and the output layer), 2,000 mini-batch iterations of 128 on MNIST's training split.
const optimizers: OptimizerConfig[] = [
  { name: 'sgd', lr: 0.01 },
  { name: 'momentum', lr: 0.01, alpha: 0.9 },
  { name: 'adagrad', lr: 0.01 },
  { name: 'rmsprop', lr: 0.001 },
  { name: 'adam', lr: 0.001 },
];
const iterations = 2000;
const seeds = [1, 2, 3];
// A spike: a logged batch loss more than `spikeFactor` times the median of the `spikeWindow` logged before it.
const spikeFactor = 10;
const spikeWindow = 20;
// Adam drives the loss far below 0.001, where three decimals would print 0.000.
const lossText = (x: number) => (x < 0.01 ? x.toExponential(2) : fixed(x));
const withLossInterval = (i: { mean: number; low: number; high: number }) => `${lossText(i.mean)} (${lossText(i.low)}–${lossText(i.high)})`;

/** The spikes of a learning curve: where a batch's loss jumps far above the recent typical level. */
function spikes(curve: readonly { step: number; loss: number }[]): { step: number; loss: number; ratio: number }[] {
  return curve.flatMap((p, i) => {
    if (i < spikeWindow) return [];
    const before = curve.slice(i - spikeWindow, i).map((q) => q.loss).sort((a, b) => a - b);
    const median = (before[spikeWindow / 2 - 1]! + before[spikeWindow / 2]!) / 2;
    return p.loss > spikeFactor * median ? [{ step: p.step, loss: p.loss, ratio: p.loss / median }] : [];
  });
}

/** One optimizer at one seed: its learning curve, final loss, spikes and test accuracy (a unit of ./parallel.ts). */
export async function optimizerRun({ optimizer, seed }: { optimizer: OptimizerConfig; seed: number }) {
  const { splits } = mnist(1);
  const run = finished(await trainRun({ train: splits.train }, {
    ...defaultTrainConfig, hidden: [100, 100, 100, 100], init: 'he', optimizer, batchSize: 128,
    epochs: 1000, maxSteps: iterations, stepEvery: 10, seed,
  }));
  return {
    optimizer: optimizer.name, lr: optimizer.lr, seed,
    finalLoss: tailMean(run.steps.map((s) => s.loss), 10),
    testAccuracy: evaluate(run.model, splits.test).accuracy,
    spikes: spikes(run.steps),
    curve: run.steps,
  };
}

export const optimizersExperiment: Experiment = {
  name: 'optimizers',
  async run({ workers }) {
    const { splits, data } = mnist(1);
    const items = optimizers.flatMap((optimizer) => seeds.map((seed) => ({ optimizer, seed })));
    const runs = await inParallel(optimizerRun, import.meta.url, items, workers);
    const summary = optimizers.map(({ name, lr }) => {
      const mine = runs.filter((r) => r.optimizer === name);
      const all = mine.flatMap((r) => r.spikes);
      return {
        optimizer: name, lr,
        finalLoss: seedInterval(mine.map((r) => r.finalLoss), { seed: `${name}/finalLoss` }),
        testAccuracy: seedInterval(mine.map((r) => r.testAccuracy), { seed: `${name}/testAccuracy` }),
        spikes: all.length,
        largestSpike: all.length === 0 ? null : Math.max(...all.map((s) => s.ratio)),
      };
    });
    const ranked = [...summary].sort((a, b) => a.finalLoss.mean - b.finalLoss.mean);
    const sgd = summary.find((r) => r.optimizer === 'sgd')!;
    const spiky = summary.filter((s) => s.spikes > 0).sort((a, b) => b.spikes - a.spikes);
    const separated = ranked[0]!.finalLoss.high < ranked[1]!.finalLoss.low;
    const finding =
      `After ${iterations} iterations ${ranked[0]!.optimizer} has the lowest training loss (${lossText(ranked[0]!.finalLoss.mean)}, mean of ${seeds.length} seeds` +
      `${separated ? `, its interval below ${ranked[1]!.optimizer}'s` : `, its interval overlapping ${ranked[1]!.optimizer}'s`}) and plain SGD the ` +
      `${ranked.at(-1) === sgd ? 'highest' : `${ranked.indexOf(sgd) + 1}th lowest`} (${lossText(sgd.finalLoss.mean)}); ` +
      (spiky.length > 0
        ? `the loss spikes (a logged loss over ${spikeFactor} times the median of the ${spikeWindow} before it) most often with ${spiky[0]!.optimizer} ` +
          `(${spiky[0]!.spikes} in ${seeds.length} seeds, the largest ${fixed(spiky[0]!.largestSpike, 1)} times its median)` +
          `${spiky.length > 1 ? `, then ${spiky.slice(1).map((s) => `${s.optimizer} (${s.spikes})`).join(', ')}` : ''}, once the loss is small enough that one hard batch stands out.`
        : `no run's loss spiked over ${spikeFactor} times its recent median.`);
    // Curves: the mean over seeds of each logged batch loss, smoothed over 5 logs.
    const points = optimizers.flatMap(({ name }) => {
      const mine = runs.filter((r) => r.optimizer === name);
      const mean = mine[0]!.curve.map((p, i) => ({ step: p.step, loss: mine.reduce((a, r) => a + r.curve[i]!.loss, 0) / mine.length }));
      return smooth(mean, 5).map((p) => ({ iteration: p.step, loss: p.loss, optimizer: name }));
    });
    return {
      title: 'Optimizers: SGD, Momentum, AdaGrad, RMSProp and Adam on MNIST',
      finding,
      body: [
        `A 784-100-100-100-100-10 ReLU network with He initialisation, trained for ${iterations} mini-batch iterations of 128`,
        `on MNIST's training split (${splits.train.y.length} digits), with seeds ${seeds.join(', ')}. Loss is the training batch loss,`,
        'logged every 10 iterations; the final loss averages the last 10 logs. Intervals are 95% percentile bootstrap intervals over',
        `the seeds. A spike is a logged loss more than ${spikeFactor} times the median of the ${spikeWindow} logs before it, counted over all seeds.`,
        '',
        table(['optimizer', 'learning rate', 'final training loss', 'test accuracy', 'spikes', 'largest spike (× median)'],
          summary.map((r) => [r.optimizer, r.lr, withLossInterval(r.finalLoss),
            `${fixed(r.testAccuracy.mean)} (${fixed(r.testAccuracy.low)}–${fixed(r.testAccuracy.high)})`, r.spikes, r.largestSpike === null ? '—' : fixed(r.largestSpike, 1)]),
          ['l', 'r', 'r', 'r', 'r', 'r']),
        '',
        '![training loss per iteration, mean over seeds, log scale](loss.svg)',
      ].join('\n'),
      charts: { 'loss.svg': lineChart(points, { x: 'iteration', y: 'loss', series: 'optimizer', logY: true, yTitle: 'training loss (cross-entropy, log scale)' }) },
      json: { iterations, seeds, spikeFactor, spikeWindow, summary, runs },
      seeds,
      data,
    };
  },
};
