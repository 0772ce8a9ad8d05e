// A TypeScript program type-checked (not run) against the declarations the package ships.
import { defaultTrainConfig, fromRows, loadModel, search, train, type Dataset, type LoadedModel, type Metrics, type TrainConfig } from 'skewtune';
import { runComparison } from 'skewtune/study';
import type { Strategy } from 'skewtune/plugin';

const data: Dataset = { x: fromRows([[0, 1], [1, 0]]), y: Int32Array.of(0, 1), classNames: ['a', 'b'], featureNames: ['u', 'v'] };
const config: TrainConfig = { ...defaultTrainConfig, hidden: [4], epochs: 1 };
train({ train: data }, config).subscribe((event) => {
  if (event.type === 'done') console.log(event.history.length);
});
search({ x: { kind: 'int', low: 1, high: 3 } }, (params) => Number(params.x), { rounds: 1, trials: 2, seed: 1 });
const model: LoadedModel = loadModel('model.skt');
const classes: readonly string[] = model.header.classes;
const none: Strategy | undefined = undefined;
const metrics: Pick<Metrics, 'accuracy'> = { accuracy: 1 };
// @ts-expect-error: epochs is a number, and the declarations say so.
const wrong: TrainConfig = { ...config, epochs: 'many' };
console.log(classes, none, metrics, wrong, typeof runComparison);
