// What the public API's `@example` blocks may take as given, as a doctest's globals: a small
// three-class table written to data/iris.csv (in the current directory), its splits, a model
// trained on them and saved as model.skt, and a search space with an objective.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  argmaxRule, createRng, defaultTrainConfig, loadDataset, prepareSplits, saveModel, train,
  type Classifier, type ModelParts, type Objective, type SearchOptions, type Space,
} from '../../src/index.ts';

const rng = createRng('examples');
const features = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const classes = ['setosa', 'versicolor', 'virginica'];
const centres = [[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
const rows = Array.from({ length: 90 }, (_, i) => [...centres[i % 3]!.map((c) => (c + rng.normal(0, 0.2)).toFixed(2)), classes[i % 3]!].join(','));
mkdirSync('data', { recursive: true });
writeFileSync('data/iris.csv', `${[...features, 'species'].join(',')}\n${rows.join('\n')}\n`);

export const source = loadDataset('csv:data/iris.csv', { label: 'species' });
export const splits = prepareSplits(source, { seed: 1 });
export const ds = splits.train;
export const data = { train: splits.train, validation: splits.validation };
export const config = { ...defaultTrainConfig, hidden: [8], epochs: 3 };

let trained: Classifier | undefined;
await train(data, config).forEach((event) => {
  if (event.type === 'done') trained = event.model;
});
export const model = trained!;
export const done = { model };
export const parts: ModelParts = {
  classifier: model, features, classes, dataset: 'csv:data/iris.csv', fingerprint: 'example', strategy: 'none',
  training: config, decision: argmaxRule(3), test: {}, createdBy: 'example',
};
saveModel('model.skt', parts);

export const space: Space = { x: { kind: 'uniform', low: -1, high: 1 } };
export const objective: Objective = (params) => -((Number(params.x) - 0.3) ** 2);
export const options: SearchOptions = { rounds: 2, trials: 4, seed: 1 };

export const markdown = '# A report\n';
export const json = { kind: 'example' };
export const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
