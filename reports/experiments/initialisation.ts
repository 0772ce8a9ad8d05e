import {
  binCounts, createRng, defaultTrainConfig, fixed, histogramGrid, lineChart, matrix, mlp, table, type ActivationName,
} from '../../src/index.ts';
import { inSequence, mnist, outcome, outcomeText, smooth, trainRun, type Experiment } from './experiment.ts';

const inits = [
  { spec: 'normal:1', label: 'N(0, 1²)' },
  { spec: 'normal:0.01', label: 'N(0, 0.01²)' },
  { spec: 'xavier-normal', label: 'Xavier' },
  { spec: 'he-normal', label: 'He' },
];
const activations: ActivationName[] = ['sigmoid', 'relu'];
// Sigmoid's gradients are small (at most 1/4 a layer), so it gets a larger step to show anything in 1,000 iterations.
const learningRates: Record<string, number> = { sigmoid: 0.5, relu: 0.01 };
const iterations = 1000;
const seed = 1;

/** Outputs of each hidden activation for 1,000 random inputs: the lecture's histograms. */
function activationsByLayer(init: string, act: ActivationName): Float32Array[] {
  const rng = createRng(`${seed}/activations`);
  const x = matrix(1000, 100);
  for (let i = 0; i < x.data.length; i++) x.data[i] = rng.normal();
  const model = mlp({ inputs: 100, outputs: 10, hidden: [100, 100, 100, 100, 100], activation: act, init, batchnorm: false, dropout: 0 }, createRng(seed));
  const outputs: Float32Array[] = [];
  let h = x;
  for (const layer of model.layers) {
    h = layer.forward(h, 'eval');
    if (layer.kind === act) outputs.push(Float32Array.from(h.data));
  }
  return outputs;
}

export const initialisationExperiment: Experiment = {
  name: 'initialisation',
  async run() {
    const histograms = activations.flatMap((act) => inits.flatMap(({ spec, label }) =>
      activationsByLayer(spec, act).flatMap((values, layer) => {
        const [low, high] = act === 'sigmoid' ? [0, 1] : [0, 2];
        return binCounts(values, low, high, 20).map((b) => ({ ...b, init: label, layer: `${act} layer ${layer + 1}`, act }));
      })));
    const { splits, data } = mnist(seed);
    const settings = activations.flatMap((act) => inits.map((init) => ({ act, ...init })));
    const runs = await inSequence(settings, async ({ act, spec, label }) => {
      const run = await trainRun({ train: splits.train }, {
        ...defaultTrainConfig, hidden: [100, 100, 100, 100], activation: act, init: spec, batchSize: 128,
        optimizer: { name: 'sgd', lr: learningRates[act]! }, epochs: 1000, maxSteps: iterations, stepEvery: 10, seed,
      });
      return { activation: act, init: label, ...outcome(run), curve: run.steps };
    });
    const find = (act: string, init: string) => runs.find((r) => r.activation === act && r.init === init)!;
    const loss = (act: string, init: string) => outcomeText(find(act, init));
    const sigmoid = runs.filter((r) => r.activation === 'sigmoid' && r.finalLoss !== null).sort((a, b) => a.finalLoss! - b.finalLoss!);
    const nearChance = sigmoid.filter((r) => r.finalLoss! > 2.2).map((r) => r.init);
    const relu1 = find('relu', 'N(0, 1²)');
    const finding =
      `With ReLU, He initialisation trains (loss ${loss('relu', 'He')} after ${iterations} SGD iterations) where N(0, 0.01²) ` +
      `does not move from chance (${loss('relu', 'N(0, 0.01²)')}; ln 10 = 2.303)${relu1.divergedAt === null ? '' : ` and N(0, 1²) diverges`}; ` +
      `with sigmoid, ${sigmoid[0]!.init} learns fastest (${fixed(sigmoid[0]!.finalLoss)})` +
      (nearChance.length > 0 ? ` while ${nearChance.join(', ')} stay near chance: there the histograms, not the loss, show Xavier's even spread.` : '.');
    // A diverged run's first losses would flatten every other curve: leave it out.
    const points = runs.filter((r) => r.divergedAt === null).flatMap((r) => smooth(r.curve, 5).map((p) => ({ iteration: p.step, loss: p.loss, init: r.init, activation: r.activation })));
    const chartsFor = (act: ActivationName) => histogramGrid(histograms.filter((h) => h.act === act), { row: 'init', column: 'layer' });
    return {
      title: 'Weight initialisation: N(0, 1²), N(0, 0.01²), Xavier and He, with sigmoid and ReLU',
      finding,
      body: [
        '## Activations',
        '',
        'Outputs of each of five hidden layers of 100 units for 1,000 standard normal inputs (the lecture\'s histograms).',
        'N(0, 1²) saturates sigmoid at 0 and 1; N(0, 0.01²) collapses every layer towards one value; Xavier (sigmoid)',
        'and He (ReLU) keep the spread from layer to layer. ReLU outputs above 2 are counted in the last bin.',
        '',
        '![sigmoid activations per layer and initialiser](sigmoid-activations.svg)',
        '',
        '![ReLU activations per layer and initialiser](relu-activations.svg)',
        '',
        '## Training on MNIST',
        '',
        `A 784-100-100-100-100-10 network, ${iterations} SGD iterations (batches of 128; η = ${learningRates.relu} with ReLU, ${learningRates.sigmoid} with sigmoid).`,
        '',
        table(['activation', 'initialiser', 'final training loss'], runs.map((r) => [r.activation, r.init, outcomeText(r)]), ['l', 'l', 'r']),
        '',
        '![training loss per iteration (diverged runs left out)](loss.svg)',
      ].join('\n'),
      charts: {
        'sigmoid-activations.svg': chartsFor('sigmoid'),
        'relu-activations.svg': chartsFor('relu'),
        'loss.svg': lineChart(points, { x: 'iteration', y: 'loss', series: 'init', facet: 'activation', width: 320, height: 220 }),
      },
      json: { iterations, runs, histograms },
      seeds: [seed],
      data,
    };
  },
};
