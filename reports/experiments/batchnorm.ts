import { createRng, defaultTrainConfig, fixed, lineChart, seedInterval, stratifiedSplit, table, withInterval } from '../../src/internal.ts';
import { mnist, outcome, smooth, trainRun, withSubset, type Experiment } from './experiment.ts';
import { inParallel } from './parallel.ts';

// As in the lecture's batch-norm slides: 1,000 training digits, a 5-layer ReLU network,
// and the same SGD schedule with and without batch normalisation, at three weight scales.
const scales = ['normal:1', 'normal:0.1', 'normal:0.01'];
const iterations = 500;
const seeds = [1, 2, 3];
const settings = scales.flatMap((init) => [false, true].flatMap((batchnorm) => seeds.map((seed) => ({ init, batchnorm, seed }))));

/** The 1,000-digit training subset, drawn from MNIST's training split. */
function subset() {
  const { splits } = mnist(1);
  return stratifiedSplit(splits.train, 1000 / splits.train.y.length, createRng(1))[1];
}

/** One weight scale, with or without batch norm, at one seed (a unit of ./parallel.ts). */
export async function batchnormRun({ init, batchnorm, seed }: (typeof settings)[number]) {
  const run = await trainRun({ train: subset() }, {
    ...defaultTrainConfig, hidden: [100, 100, 100, 100], init, batchnorm, batchSize: 100,
    optimizer: { name: 'sgd', lr: 0.01 }, epochs: 1000, maxSteps: iterations, stepEvery: 5, seed,
  });
  return { init, batchnorm, seed, curve: run.steps, ...outcome(run), trainAccuracy: run.diverged ? null : run.epochs.at(-1)!.trainAccuracy };
}

export const batchnormExperiment: Experiment = {
  name: 'batchnorm',
  async run({ workers }) {
    const { data } = mnist(1);
    const small = subset();
    const runs = await inParallel(batchnormRun, import.meta.url, settings, workers);
    const summary = scales.flatMap((init) => [false, true].map((batchnorm) => {
      const mine = runs.filter((r) => r.init === init && r.batchnorm === batchnorm);
      const done = mine.filter((r) => r.finalLoss !== null);
      const interval = (values: number[], what: string) => (values.length > 0 ? seedInterval(values, { seed: `${init}/${batchnorm}/${what}` }) : null);
      return {
        init, batchnorm, diverged: mine.length - done.length, divergedAt: mine.map((r) => r.divergedAt).filter((d): d is number => d !== null),
        finalLoss: interval(done.map((r) => r.finalLoss!), 'finalLoss'), trainAccuracy: interval(done.map((r) => r.trainAccuracy!), 'trainAccuracy'),
      };
    }));
    // Losses compare only where every run of both finished; a scale where some diverged is told apart.
    const pair = (init: string) => [false, true].map((b) => summary.find((r) => r.init === init && r.batchnorm === b)!);
    const finishedBoth = scales.filter((init) => pair(init).every((r) => r.diverged === 0));
    const wins = finishedBoth.filter((init) => pair(init)[1]!.finalLoss!.mean < pair(init)[0]!.finalLoss!.mean);
    const diverged = scales.filter((init) => !finishedBoth.includes(init)).map((init) => {
      const [plain, bn] = pair(init);
      const divergedIn = (r: typeof plain) => `diverged in ${r!.diverged} of ${seeds.length} seeds (by iteration ${Math.max(...r!.divergedAt)})`;
      if (bn!.diverged === 0) return `at ${init} the network without it ${divergedIn(plain)} while with it the loss fell to ${fixed(bn!.finalLoss!.mean)}`;
      if (plain!.diverged === 0) return `at ${init} the network with it ${divergedIn(bn)} while without it the loss fell to ${fixed(plain!.finalLoss!.mean)}`;
      return `at ${init} both diverged in some seeds`;
    });
    const finding = `Batch normalisation reaches a lower training loss (mean of ${seeds.length} seeds) than the same network without it at ${wins.length} of the ${finishedBoth.length} ` +
      `weight scales where every run of both ran ${iterations} iterations (${wins.join(', ') || 'none'})${diverged.length > 0 ? `; ${diverged.join('; ')}` : ''}.`;
    // A diverged run's first losses (up to 1e35) would flatten every other curve: leave it out.
    const points = runs.filter((r) => r.divergedAt === null && r.seed === seeds[0]).flatMap((r) => smooth(r.curve, 5).map((p) => ({ iteration: p.step, loss: p.loss, init: r.init, model: r.batchnorm ? 'batch norm' : 'plain' })));
    const cell = (i: { mean: number; low: number; high: number } | null) => (i === null ? '—' : withInterval(i.mean, i.low, i.high));
    return {
      title: 'Batch normalisation against none',
      finding,
      body: [
        `${small.y.length} MNIST training digits, a 784-100-100-100-100-10 ReLU network, ${iterations} SGD iterations (η = 0.01,`,
        `batches of 100), with the weights drawn from N(0, σ²) at three scales; seeds ${seeds.join(', ')}. Final training loss averages the`,
        'last 10 logged batch losses (one every 5 iterations); means with 95% percentile bootstrap intervals over the seeds that finished.',
        '',
        table(['initialiser', 'batch norm', 'diverged', 'final training loss', 'training accuracy (last epoch)'],
          summary.map((r) => [r.init, r.batchnorm ? 'yes' : 'no',
            r.diverged === 0 ? `0 of ${seeds.length}` : `${r.diverged} of ${seeds.length} (at iteration ${r.divergedAt.join(', ')})`, cell(r.finalLoss), cell(r.trainAccuracy)]),
          ['l', 'l', 'r', 'r', 'r']),
        '',
        `![training loss per iteration, with and without batch norm, seed ${seeds[0]} (diverged runs left out)](loss.svg)`,
      ].join('\n'),
      charts: { 'loss.svg': lineChart(points, { x: 'iteration', y: 'loss', series: 'model', facet: 'init', width: 260, height: 200, logY: true, yTitle: 'training loss (cross-entropy, log scale)' }) },
      json: { iterations, trainingExamples: small.y.length, seeds, comparable: finishedBoth.length, summary, runs },
      seeds,
      data: withSubset(data, small),
    };
  },
};
