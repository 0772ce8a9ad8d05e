import { lastValueFrom } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../datasets/registry.ts';
import {
  createRng, defaultTrainConfig, stratifiedSplit, train, type Classifier, type Dataset, type TrainConfig,
} from '../../src/internal.ts';

// The lecture's findings on MNIST, sized to run in seconds: 2,000 training digits and
// 100–150 updates of 50. The full-size runs live in the reports and benchmarks.

let digits: Dataset;

beforeAll(() => {
  const [, sample] = stratifiedSplit(loadDataset('mnist').data, 0.2, createRng('findings'));
  digits = sample;
});

/** Mean cross-entropy of the trained model on the training digits (inference mode). */
function trainingLoss(model: Classifier): number {
  const p = model.predictProba(digits.x);
  let total = 0;
  digits.y.forEach((label, i) => (total -= Math.log(Math.max(p.data[i * p.cols + label]!, 1e-12))));
  return total / digits.y.length;
}

async function lossAfter(steps: number, overrides: Partial<TrainConfig>): Promise<number> {
  const config: TrainConfig = {
    ...defaultTrainConfig, hidden: [100, 100, 100, 100, 100], batchSize: 50, epochs: 100, maxSteps: steps,
    optimizer: { name: 'sgd', lr: 0.01 }, seed: 1, ...overrides,
  };
  const done = await lastValueFrom(train({ train: digits }, config));
  if (done.type !== 'done') throw new Error('no model');
  return trainingLoss(done.model);
}

describe('the lecture\'s findings on MNIST', () => {
  it('a 5-layer ReLU net initialised with N(0, 0.01²) barely learns where He initialisation does', async () => {
    const tiny = await lossAfter(150, { init: 'normal:0.01' });
    const he = await lossAfter(150, { init: 'he' });
    expect(tiny).toBeGreaterThan(2.2); // still about ln 10 = 2.30: chance level
    expect(he).toBeLessThan(1.5);
  });

  it('batch norm reaches a lower training loss than the same net without it', async () => {
    const plain = await lossAfter(100, { init: 'xavier' });
    const normalised = await lossAfter(100, { init: 'xavier', batchnorm: true });
    expect(normalised).toBeLessThan(plain);
  });

  it('Adam and AdaGrad beat plain SGD at the same step count', async () => {
    const sgd = await lossAfter(100, { optimizer: { name: 'sgd', lr: 0.01 } });
    const adam = await lossAfter(100, { optimizer: { name: 'adam', lr: 0.001 } });
    const adagrad = await lossAfter(100, { optimizer: { name: 'adagrad', lr: 0.01 } });
    expect(adam).toBeLessThan(sgd);
    expect(adagrad).toBeLessThan(sgd);
  });
});
