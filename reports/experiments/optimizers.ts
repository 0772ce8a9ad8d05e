import { defaultTrainConfig, evaluate, fixed, lineChart, table, type OptimizerConfig } from '../../src/index.ts';
import { finished, inSequence, mnist, smooth, tailMean, trainRun, type Experiment } from './experiment.ts';

// The lecture's optimizer comparison: a 5-layer network (four hidden layers of 100 ReLU
// units and the output layer), 2,000 mini-batch iterations of 128 on MNIST's training split.
const optimizers: OptimizerConfig[] = [
  { name: 'sgd', lr: 0.01 },
  { name: 'momentum', lr: 0.01, alpha: 0.9 },
  { name: 'adagrad', lr: 0.01 },
  { name: 'adam', lr: 0.001 },
];
const iterations = 2000;
// Adam drives the loss far below 0.001, where three decimals would print 0.000.
const lossText = (x: number) => (x < 0.01 ? x.toExponential(2) : fixed(x));
const seed = 1;

export const optimizersExperiment: Experiment = {
  name: 'optimizers',
  async run() {
    const { splits, data } = mnist(seed);
    const runs = await inSequence(optimizers, async (optimizer) => {
      const run = finished(await trainRun({ train: splits.train }, {
        ...defaultTrainConfig, hidden: [100, 100, 100, 100], init: 'he', optimizer, batchSize: 128,
        epochs: 1000, maxSteps: iterations, stepEvery: 10, seed,
      }));
      return {
        optimizer: optimizer.name, lr: optimizer.lr,
        finalLoss: tailMean(run.steps.map((s) => s.loss), 10),
        testAccuracy: evaluate(run.model, splits.test).accuracy,
        curve: run.steps,
      };
    });
    const ranked = [...runs].sort((a, b) => a.finalLoss - b.finalLoss);
    const sgd = runs.find((r) => r.optimizer === 'sgd')!;
    const finding =
      `After ${iterations} iterations ${ranked[0]!.optimizer} has the lowest training loss (${lossText(ranked[0]!.finalLoss)}) and plain SGD the ` +
      `${ranked.at(-1) === sgd ? 'highest' : `${ranked.indexOf(sgd) + 1}th lowest`} (${lossText(sgd.finalLoss)})` +
      (ranked.at(-1) === sgd ? ': momentum and adaptive steps learn faster at the same step count.' : '.');
    const points = runs.flatMap((r) => smooth(r.curve, 5).map((p) => ({ iteration: p.step, loss: p.loss, optimizer: r.optimizer })));
    return {
      title: 'Optimizers: SGD, Momentum, AdaGrad and Adam on MNIST',
      finding,
      body: [
        `A 784-100-100-100-100-10 ReLU network with He initialisation, trained for ${iterations} mini-batch iterations of 128`,
        `on MNIST's training split (${splits.train.y.length} digits). Loss is the training batch loss, averaged over the last 100`,
        'iterations (the curve is smoothed over 50).',
        '',
        table(['optimizer', 'learning rate', 'final training loss', 'test accuracy'],
          runs.map((r) => [r.optimizer, r.lr, lossText(r.finalLoss), fixed(r.testAccuracy)]), ['l', 'r', 'r', 'r']),
        '',
        '![training loss per iteration](loss.svg)',
      ].join('\n'),
      charts: { 'loss.svg': lineChart(points, { x: 'iteration', y: 'loss', series: 'optimizer', logY: true, yTitle: 'training loss' }) },
      json: { iterations, runs },
      seeds: [seed],
      data,
    };
  },
};
