import { createRng, defaultTrainConfig, evaluate, fixed, lineChart, stratifiedSplit, table } from '../../src/index.ts';
import { finished, inSequence, mnist, withSubset, trainRun, type Experiment } from './experiment.ts';

// The lecture's overfitting setting: 300 training digits and a deep network (six hidden
// layers of 100), trained long enough to memorise; then dropout and weight decay.
const variants = [
  { name: 'plain', dropout: 0, l2: 0 },
  { name: 'dropout 0.15', dropout: 0.15, l2: 0 },
  { name: 'weight decay λ = 0.05', dropout: 0, l2: 0.05 },
];
const epochs = 200;
const seed = 1;

export const overfittingExperiment: Experiment = {
  name: 'overfitting',
  async run() {
    const { splits, data } = mnist(seed);
    const [, small] = stratifiedSplit(splits.train, 300 / splits.train.y.length, createRng(seed));
    const runs = await inSequence(variants, async (v) => {
      // The test split stands in the validation slot only to draw its accuracy curve.
      const run = finished(await trainRun({ train: small, validation: splits.test }, {
        ...defaultTrainConfig, hidden: [100, 100, 100, 100, 100, 100], init: 'he', batchSize: 100,
        optimizer: { name: 'sgd', lr: 0.01 }, epochs, dropout: v.dropout, l2: v.l2, seed,
      }));
      // Final accuracies in inference mode (dropout off); the curve's training accuracy is the
      // running one of each epoch, with dropout on.
      const trainAccuracy = evaluate(run.model, small).accuracy;
      const testAccuracy = evaluate(run.model, splits.test).accuracy;
      const curve = run.epochs.map((e) => ({ epoch: e.epoch, train: e.trainAccuracy, test: e.valAccuracy! }));
      return { ...v, trainAccuracy, testAccuracy, gap: trainAccuracy - testAccuracy, curve };
    });
    const plain = runs[0]!;
    const best = [...runs.slice(1)].sort((a, b) => a.gap - b.gap)[0]!;
    const cost = best.testAccuracy < plain.testAccuracy
      ? `, though its test accuracy (${fixed(best.testAccuracy)}) stays below the plain network's after ${epochs} epochs`
      : ` and raises test accuracy to ${fixed(best.testAccuracy)}`;
    const finding =
      `On 300 training digits the plain network reaches ${fixed(plain.trainAccuracy)} training accuracy but ${fixed(plain.testAccuracy)} on the test split ` +
      `(gap ${fixed(plain.gap)}); ${best.name} narrows the gap to ${fixed(best.gap)}${cost}.`;
    const points = runs.flatMap((r) => r.curve.flatMap((c) => [
      { epoch: c.epoch, accuracy: c.train, split: 'train', variant: r.name },
      { epoch: c.epoch, accuracy: c.test, split: 'test', variant: r.name },
    ]));
    return {
      title: 'Overfitting: 300 training digits, with and without dropout and weight decay',
      finding,
      body: [
        `${small.y.length} MNIST training digits, a 784-100×6-10 ReLU network, ${epochs} epochs of SGD (η = 0.01, batches of 100).`,
        'Weight decay is the L2 penalty λ·Σw² added to the loss. The table\'s accuracies are measured in inference mode',
        '(dropout off); the chart\'s training curve is each epoch\'s running accuracy, with dropout on.',
        '',
        table(['variant', 'train accuracy', 'test accuracy', 'gap'],
          runs.map((r) => [r.name, fixed(r.trainAccuracy), fixed(r.testAccuracy), fixed(r.gap)]), ['l', 'r', 'r', 'r']),
        '',
        '![train and test accuracy per epoch](accuracy.svg)',
      ].join('\n'),
      charts: { 'accuracy.svg': lineChart(points, { x: 'epoch', y: 'accuracy', series: 'split', facet: 'variant', width: 260, height: 200 }) },
      json: { epochs, trainingExamples: small.y.length, runs },
      seeds: [seed],
      data: withSubset(data, small),
    };
  },
};
