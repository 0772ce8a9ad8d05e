import { createRng, defaultTrainConfig, fixed, lineChart, stratifiedSplit, table } from '../../src/index.ts';
import { inSequence, mnist, withSubset, outcome, outcomeText, smooth, trainRun, type Experiment } from './experiment.ts';

// As in the lecture's batch-norm slides: 1,000 training digits, a 5-layer ReLU network,
// and the same SGD schedule with and without batch normalisation, at three weight scales.
const scales = ['normal:1', 'normal:0.1', 'normal:0.01'];
const iterations = 500;
const seed = 1;

export const batchnormExperiment: Experiment = {
  name: 'batchnorm',
  async run() {
    const { splits, data } = mnist(seed);
    const [, small] = stratifiedSplit(splits.train, 1000 / splits.train.y.length, createRng(seed));
    const settings = scales.flatMap((init) => [false, true].map((batchnorm) => ({ init, batchnorm })));
    const runs = await inSequence(settings, async ({ init, batchnorm }) => {
      const run = await trainRun({ train: small }, {
        ...defaultTrainConfig, hidden: [100, 100, 100, 100], init, batchnorm, batchSize: 100,
        optimizer: { name: 'sgd', lr: 0.01 }, epochs: 1000, maxSteps: iterations, stepEvery: 5, seed,
      });
      return { init, batchnorm, curve: run.steps, ...outcome(run), trainAccuracy: run.diverged ? null : run.epochs.at(-1)!.trainAccuracy };
    });
    // Losses compare only where both runs finished; a scale where one diverged is told apart.
    const pair = (init: string) => [false, true].map((b) => runs.find((r) => r.init === init && r.batchnorm === b)!);
    const finishedBoth = scales.filter((init) => pair(init).every((r) => r.divergedAt === null));
    const wins = finishedBoth.filter((init) => pair(init)[1]!.finalLoss! < pair(init)[0]!.finalLoss!);
    const diverged = scales.filter((init) => !finishedBoth.includes(init)).map((init) => {
      const [plain, bn] = pair(init);
      if (bn!.divergedAt === null) return `at ${init} the network without it diverged (at iteration ${plain!.divergedAt}) while with it the loss fell to ${fixed(bn!.finalLoss)}`;
      if (plain!.divergedAt === null) return `at ${init} the network with it diverged (at iteration ${bn!.divergedAt}) while without it the loss fell to ${fixed(plain!.finalLoss)}`;
      return `at ${init} both diverged`;
    });
    const finding = `Batch normalisation reaches a lower training loss than the same network without it at ${wins.length} of the ${finishedBoth.length} ` +
      `weight scales where both ran ${iterations} iterations (${wins.join(', ') || 'none'})${diverged.length > 0 ? `; ${diverged.join('; ')}` : ''}.`;
    // A diverged run's first losses (up to 1e35) would flatten every other curve: leave it out.
    const points = runs.filter((r) => r.divergedAt === null).flatMap((r) => smooth(r.curve, 5).map((p) => ({ iteration: p.step, loss: p.loss, init: r.init, model: r.batchnorm ? 'batch norm' : 'plain' })));
    return {
      title: 'Batch normalisation against none',
      finding,
      body: [
        `${small.y.length} MNIST training digits, a 784-100-100-100-100-10 ReLU network, ${iterations} SGD iterations (η = 0.01,`,
        'batches of 100), with the weights drawn from N(0, σ²) at three scales.',
        '',
        table(['initialiser', 'batch norm', 'final training loss', 'training accuracy (last epoch)'],
          runs.map((r) => [r.init, r.batchnorm ? 'yes' : 'no', outcomeText(r), fixed(r.trainAccuracy)]), ['l', 'l', 'r', 'r']),
        '',
        '![training loss per iteration, with and without batch norm (diverged runs left out)](loss.svg)',
      ].join('\n'),
      charts: { 'loss.svg': lineChart(points, { x: 'iteration', y: 'loss', series: 'model', facet: 'init', width: 260, height: 200, logY: true }) },
      json: { iterations, trainingExamples: small.y.length, comparable: finishedBoth.length, runs },
      seeds: [seed],
      data: withSubset(data, small),
    };
  },
};
