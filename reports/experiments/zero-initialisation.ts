import { defaultTrainConfig, evaluate, fixed, lineChart, seedInterval, table, withInterval, type Classifier } from '../../src/internal.ts';
import { finished, mnist, smooth, tailMean, trainRun, type Experiment } from './experiment.ts';
import { inParallel } from './parallel.ts';

// The lecture's question "why not start every weight at zero?": backpropagation gives every unit
// of a layer the same gradient, so units that start equal stay equal and the layer is one unit.
const inits = [
  { spec: 'constant:0', label: 'all zeros' },
  { spec: 'constant:0.1', label: 'all 0.1' },
  { spec: 'xavier-normal', label: 'Xavier (random)' },
];
const hidden = [50, 50];
const iterations = 2000;
const lr = 0.5;
const seeds = [1, 2, 3];

/** How many different units each hidden layer holds: distinct columns of its fan_in × fan_out weights (to 6 decimals). */
function distinctUnits(model: Classifier): number[] {
  if (!('params' in model)) throw new Error('the trained model has no parameters to inspect');
  const weights = (model as Classifier & { params: readonly { name: string; value: { rows: number; cols: number; data: ArrayLike<number> } }[] }).params
    .filter((p) => p.name === 'weight').slice(0, hidden.length);
  return weights.map(({ value: w }) => new Set(Array.from({ length: w.cols }, (_, j) =>
    Array.from({ length: w.rows }, (_, i) => w.data[i * w.cols + j]!.toFixed(6)).join())).size);
}

const settings = inits.flatMap((init) => seeds.map((seed) => ({ ...init, seed })));

/** One starting point at one seed (a unit of ./parallel.ts). */
export async function zeroInitialisationRun({ spec, label, seed }: (typeof settings)[number]) {
  const { splits } = mnist(1);
  const run = finished(await trainRun({ train: splits.train }, {
    ...defaultTrainConfig, hidden, activation: 'sigmoid', init: spec, batchSize: 128,
    optimizer: { name: 'sgd', lr }, epochs: 1000, maxSteps: iterations, stepEvery: 10, seed,
  }));
  return {
    init: label, seed, units: distinctUnits(run.model), finalLoss: tailMean(run.steps.map((s) => s.loss), 10),
    testAccuracy: evaluate(run.model, splits.test).accuracy, curve: run.steps,
  };
}

export const zeroInitialisationExperiment: Experiment = {
  name: 'zero-initialisation',
  async run({ workers }) {
    const { splits, data } = mnist(1);
    const runs = await inParallel(zeroInitialisationRun, import.meta.url, settings, workers);
    const summary = inits.map(({ label }) => {
      const mine = runs.filter((r) => r.init === label);
      return {
        init: label,
        units: hidden.map((_, l) => [...new Set(mine.map((r) => r.units[l]!))].join(', ')),
        finalLoss: seedInterval(mine.map((r) => r.finalLoss), { seed: `${label}/finalLoss` }),
        testAccuracy: seedInterval(mine.map((r) => r.testAccuracy), { seed: `${label}/testAccuracy` }),
      };
    });
    const [zeros, constant, random] = summary;
    const finding =
      `Started from all zeros, each hidden layer of ${hidden[0]} sigmoid units still holds ${zeros!.units.join(' and ')} distinct unit after ` +
      `${iterations} SGD iterations in every one of ${seeds.length} seeds (all 0.1: ${constant!.units.join(' and ')}), and reaches ` +
      `${fixed(zeros!.testAccuracy.mean)} test accuracy against ${fixed(random!.testAccuracy.mean)} from Xavier's random start, ` +
      `whose ${random!.units.join(' and ')} units all differ: equal starts get equal gradients, as the lecture argues.`;
    const points = runs.filter((r) => r.seed === seeds[0]).flatMap((r) => smooth(r.curve, 5).map((p) => ({ iteration: p.step, loss: p.loss, init: r.init })));
    return {
      title: 'Zero initialisation: why every weight cannot start at the same value',
      finding,
      body: [
        `A 784-${hidden.join('-')}-10 sigmoid network trained with SGD (η = ${lr}, batches of 128) for ${iterations} iterations on MNIST's`,
        `${splits.train.y.length} training digits, from three starts: every weight 0, every weight 0.1, and Xavier normal. Biases start at 0.`,
        'A unit is its column of incoming weights; two units are the same when every weight agrees to 6 decimals. Intervals are',
        `95% percentile bootstrap intervals over seeds ${seeds.join(', ')} (the seed orders the batches and, for Xavier, draws the weights).`,
        '',
        table(['start', ...hidden.map((u, l) => `distinct units, layer ${l + 1} (of ${u})`), 'final training loss', 'test accuracy'],
          summary.map((s) => [s.init, ...s.units, withInterval(s.finalLoss.mean, s.finalLoss.low, s.finalLoss.high),
            withInterval(s.testAccuracy.mean, s.testAccuracy.low, s.testAccuracy.high)]),
          ['l', ...hidden.map(() => 'r' as const), 'r', 'r']),
        '',
        `![training loss per iteration (seed ${seeds[0]})](loss.svg)`,
      ].join('\n'),
      charts: { 'loss.svg': lineChart(points, { x: 'iteration', y: 'loss', series: 'init', yTitle: 'training loss (cross-entropy)' }) },
      json: { iterations, hidden, lr, seeds, summary, runs },
      seeds,
      data,
    };
  },
};
