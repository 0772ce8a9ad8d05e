import { createRng, defaultTrainConfig, evaluate, fixed, lineChart, seedInterval, stratifiedSplit, table, withInterval, type Dataset } from '../../src/internal.ts';
import { finished, mnist, trainRun, withSubset, type Experiment } from './experiment.ts';
import { inParallel } from './parallel.ts';

// The lecture's three ways to take a gradient step: over the whole training set (batch), over one
// example (stochastic) or over a few (mini-batch), given the same passes over the same digits.
const modes = [
  { name: 'batch', batchSize: 'full' as const },
  { name: 'mini-batch (32)', batchSize: 32 },
  { name: 'stochastic', batchSize: 1 },
];
const epochs = 20;
const lr = 0.05;
const seeds = [1, 2, 3];
const settings = modes.flatMap((m) => seeds.map((seed) => ({ ...m, seed })));

/** The 1,000-digit training subset, drawn from MNIST's training split. */
function subset() {
  const { splits } = mnist(1);
  return stratifiedSplit(splits.train, 1000 / splits.train.y.length, createRng(1))[1];
}

/** One mode at one seed (a unit of ./parallel.ts). */
export async function gradientDescentRun({ name, batchSize, seed }: (typeof settings)[number]) {
  const { splits } = mnist(1);
  const run = finished(await runMode(subset(), splits.validation, batchSize, seed));
  return {
    mode: name, seed,
    curve: run.epochs.map((e) => ({ epoch: e.epoch, updates: e.steps, valLoss: e.valLoss! })),
    valLoss: run.epochs.at(-1)!.valLoss!,
    testAccuracy: evaluate(run.model, splits.test).accuracy,
  };
}

export const gradientDescentExperiment: Experiment = {
  name: 'gradient-descent',
  async run({ workers }) {
    const { splits, data } = mnist(1);
    const small = subset();
    const n = small.y.length;
    const runs = await inParallel(gradientDescentRun, import.meta.url, settings, workers, (s) => s.name);
    const summary = modes.map(({ name }) => {
      const mine = runs.filter((r) => r.mode === name);
      return {
        mode: name,
        updates: mine[0]!.curve.at(-1)!.updates,
        valLoss: seedInterval(mine.map((r) => r.valLoss), { seed: `${name}/valLoss` }),
        testAccuracy: seedInterval(mine.map((r) => r.testAccuracy), { seed: `${name}/testAccuracy` }),
        // Validation loss after the first epoch: how far one pass over the data gets each mode.
        firstEpoch: seedInterval(mine.map((r) => r.curve[0]!.valLoss), { seed: `${name}/firstEpoch` }),
      };
    });
    const [batch, mini, stochastic] = summary;
    const firstBest = [...summary].sort((a, b) => a.firstEpoch.mean - b.firstEpoch.mean)[0]!;
    const lastBest = [...summary].sort((a, b) => a.valLoss.mean - b.valLoss.mean)[0]!;
    const batchWorst = summary.every((s) => s === batch || s.valLoss.mean < batch!.valLoss.mean);
    const finding =
      `Given the same ${epochs} passes over ${n} digits, batch gradient descent takes ${batch!.updates} updates and ends at validation loss ` +
      `${fixed(batch!.valLoss.mean)}, mini-batches of 32 take ${mini!.updates} and reach ${fixed(mini!.valLoss.mean)}, and stochastic steps take ` +
      `${stochastic!.updates} and reach ${fixed(stochastic!.valLoss.mean)} (means over ${seeds.length} seeds): after one pass ${firstBest.mode} is furthest ` +
      `along (${fixed(firstBest.firstEpoch.mean)}), after ${epochs} ${lastBest.mode === firstBest.mode ? 'still ' : ''}${lastBest.mode} is lowest, ` +
      `and batch's one exact step a pass ${batchWorst ? 'leaves it furthest behind' : 'does not leave it last'}.`;
    const points = modes.flatMap(({ name }) => runs.filter((r) => r.mode === name && r.seed === seeds[0]).flatMap((r) => r.curve.map((c) => ({ ...c, mode: name }))));
    return {
      title: `Batch, mini-batch and stochastic gradient descent on ${n} digits`,
      finding,
      body: [
        `${n} MNIST training digits (a stratified subset of the training split), a 784-50-10 ReLU network with He initialisation, plain`,
        `SGD with η = ${lr} for ${epochs} epochs, with batch gradient descent (all ${n} digits per update), mini-batches of 32, and`,
        `stochastic gradient descent (one digit per update). Validation loss is the cross-entropy on the ${splits.validation.y.length} validation digits`,
        `after each epoch; intervals are 95% percentile bootstrap intervals over seeds ${seeds.join(', ')}.`,
        '',
        table(['mode', 'updates', 'validation loss after 1 epoch', `validation loss after ${epochs} epochs`, 'test accuracy'],
          summary.map((s) => [s.mode, s.updates, withInterval(s.firstEpoch.mean, s.firstEpoch.low, s.firstEpoch.high),
            withInterval(s.valLoss.mean, s.valLoss.low, s.valLoss.high), withInterval(s.testAccuracy.mean, s.testAccuracy.low, s.testAccuracy.high)]),
        ['l', 'r', 'r', 'r', 'r']),
        '',
        `Per epoch (seed ${seeds[0]}):`,
        '',
        '![validation loss after each epoch](epochs.svg)',
        '',
        `Per update, on a log scale (an update of batch gradient descent computes the gradient of all ${n} digits; a stochastic one, of one digit):`,
        '',
        '![validation loss against updates](updates.svg)',
      ].join('\n'),
      charts: {
        'epochs.svg': lineChart(points, { x: 'epoch', y: 'valLoss', series: 'mode', integerX: true, yTitle: 'validation loss (cross-entropy)' }),
        'updates.svg': lineChart(points, { x: 'updates', y: 'valLoss', series: 'mode', logX: true, xTitle: 'updates (log scale)', yTitle: 'validation loss (cross-entropy)' }),
      },
      json: { epochs, lr, trainingExamples: n, seeds, summary, runs },
      seeds,
      data: withSubset(data, small),
    };
  },
};

/** One run of the experiment's network with the mode's batch size. */
function runMode(train: Dataset, validation: Dataset, batchSize: number | 'full', seed: number) {
  return trainRun({ train, validation }, {
    ...defaultTrainConfig, hidden: [50], init: 'he', batchSize, optimizer: { name: 'sgd', lr }, epochs, seed,
  });
}
