// A plain JavaScript program using the installed package: trains a small network, saves and loads it,
// and runs a search. Prints what the test checks, as one JSON line.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { argmaxRule, createRng, defaultTrainConfig, evaluate, fromRows, kernelBackend, loadModel, saveModel, search, train } from 'skewtune';

// Two classes of points around (-1, -1) and (1, 1), 9 to 1.
const rng = createRng(1);
const rows = [], labels = [];
for (let i = 0; i < 200; i++) {
  const label = i % 10 === 0 ? 1 : 0, centre = label ? 1 : -1;
  rows.push([centre + 0.3 * (rng.uniform() - 0.5), centre + 0.3 * (rng.uniform() - 0.5)]);
  labels.push(label);
}
const data = { x: fromRows(rows), y: Int32Array.from(labels), classNames: ['a', 'b'], featureNames: ['u', 'v'] };

let model;
await train({ train: data }, { ...defaultTrainConfig, hidden: [8], epochs: 20, batchSize: 16, optimizer: { name: 'adam', lr: 0.01 } })
  .forEach((event) => { if (event.type === 'done') model = event.model; });
const metrics = evaluate(model, data);

const file = join(tmpdir(), `skewtune-consumer-${process.pid}.skt`);
saveModel(file, {
  classifier: model, features: data.featureNames, classes: data.classNames, dataset: 'blobs', fingerprint: 'none', strategy: 'none',
  training: {}, decision: argmaxRule(2), test: {}, createdBy: 'consumer',
});
const loaded = loadModel(file);
const predicted = Array.from(loaded.predict(fromRows([[-1, -1], [1, 1]])));

let best;
await search({ x: { kind: 'uniform', low: -1, high: 1 } }, (p) => -((p.x - 0.3) ** 2), { rounds: 2, trials: 4, seed: 1 })
  .forEach((event) => { if (event.type === 'study-done') best = event.best.params.x; });

console.log(JSON.stringify({ kernels: kernelBackend(), accuracy: metrics.accuracy, predicted, best }));
