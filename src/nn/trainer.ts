import { Observable } from 'rxjs';
import type { Dataset } from '../data/dataset.ts';
import { argmaxRows } from '../tensor/elementwise.ts';
import { batchSource, gatherBatch } from '../tensor/batch.ts';
import { kernelInt32, kernelMatrix, sliceRows, type DType, type Matrix } from '../tensor/matrix.ts';
import { createRng } from '../tensor/rng.ts';
import { bufferCache } from './buffers.ts';
import { decodeCheckpoint, encodeCheckpoint, restoreState, restoreWeights } from './checkpoint.ts';
import { checkConfig } from './config-check.ts';
import type { ActivationName } from './layers/activation.ts';
import { softmaxCrossEntropy, type Loss } from './loss.ts';
import { mlp, type Classifier, type Model } from './model.ts';
import { createOptimizer, type OptimizerConfig } from './optimizers/registry.ts';
import { applyPenalties } from './penalty.ts';

/** Everything that decides a training run. Same config and data → same numbers. */
export interface TrainConfig {
  hidden: readonly number[];
  activation: ActivationName;
  init: string;
  batchnorm: boolean;
  dropout: number;
  optimizer: OptimizerConfig;
  /**
   * Examples per update: 'full' is batch gradient descent (one update per epoch),
   * 1 is stochastic gradient descent, anything between is mini-batch.
   */
  batchSize: number | 'full';
  epochs: number;
  /** Stop after this many updates in all, even mid-epoch (for step-count experiments). */
  maxSteps?: number;
  /** Emit a `step` event with the batch loss every this many updates (for learning curves). */
  stepEvery?: number;
  l1: number;
  l2: number;
  seed: number | string;
  /** The loss to minimise; softmax cross-entropy when absent. Strategies swap it. */
  loss?: Loss;
  /** Starting bias of the output layer (e.g. log class priors). */
  outputBias?: readonly number[];
  /** float64 for gradient checks and oracles; float32 (the default) for speed. */
  dtype?: DType;
  /** A checkpoint of a run of this same config (an epoch event's `checkpoint()`): go on from it; its epochs count towards `epochs`. */
  resume?: Uint8Array;
  /** A checkpoint of this architecture (a search trial's): start from its weights, optimizer and random streams fresh. */
  warmStart?: Uint8Array;
}

/**
 * `train`'s defaults, as the command line's `train` uses them: a 256-128 ReLU network, He
 * initialisation, Adam at 0.001, batches of 128, 5 epochs, seed 1.
 *
 * @example
 * const config: TrainConfig = { ...defaultTrainConfig, hidden: [100], epochs: 10 };
 */
export const defaultTrainConfig: TrainConfig = {
  hidden: [256, 128],
  activation: 'relu',
  init: 'he',
  batchnorm: false,
  dropout: 0,
  optimizer: { name: 'adam', lr: 0.001 },
  batchSize: 128,
  epochs: 5,
  l1: 0,
  l2: 0,
  seed: 1,
};

/** What training gives: the training split, and the validation split that steers choices. */
export interface TrainData {
  train: Dataset;
  validation?: Dataset;
}

/** One epoch's figures. Training loss includes the L1/L2 penalty; `null` where there is no validation split. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  steps: number;
  seconds: number;
}

/** What `train` emits: `step` events (with `stepEvery`), one `epoch` event per epoch, then `done` with the model. */
export type TrainEvent =
  | { type: 'step'; step: number; epoch: number; loss: number }
  /**
   * `model`, when given, is the model after this epoch, and `checkpoint()` the whole run's state
   * then (see `TrainConfig.resume`): both live, so read them before the next epoch.
   */
  | ({ type: 'epoch'; model?: Classifier; checkpoint?: () => Uint8Array } & EpochRecord)
  | { type: 'done'; model: Classifier; history: EpochRecord[]; seconds: number };

/** The trainer's type; a strategy maps one `Train` to another. */
export type Train = (data: TrainData, config: TrainConfig) => Observable<TrainEvent>;

/**
 * Raised when the loss stops being a finite number: the model would be garbage.
 *
 * @example
 * train(data, { ...config, optimizer: { name: 'sgd', lr: 1e30 } }).subscribe({ error: (e) => e instanceof DivergedError && console.log(e.epoch) });
 */
export class DivergedError extends Error {
  constructor(readonly epoch: number, readonly iteration: number, value: number) {
    super(`training diverged: loss became ${value} at epoch ${epoch}, iteration ${iteration} (try a smaller learning rate)`);
    this.name = 'DivergedError';
  }
}

/** Mean loss and accuracy of `model` on `ds`, in inference mode, chunk by chunk. */
export function evaluateLoss(model: Model, ds: Dataset, loss: Loss): { loss: number; accuracy: number } {
  const chunk = 1024;
  const predicted = new Int32Array(chunk);
  let total = 0;
  let correct = 0;
  for (let start = 0; start < ds.y.length; start += chunk) {
    const end = Math.min(start + chunk, ds.y.length);
    const labels = ds.y.subarray(start, end);
    const logits = model.forward(sliceRows(ds.x, start, end), 'eval');
    total += loss.compute(logits, labels, null) * (end - start);
    argmaxRows(logits, predicted);
    for (let i = 0; i < end - start; i++) if (predicted[i] === labels[i]) correct++;
  }
  return { loss: total / ds.y.length, accuracy: correct / ds.y.length };
}

/**
 * A training run over the whole trainer state, one epoch per call.
 * Kept apart from the Observable so the loop reads top to bottom.
 */
function session(data: TrainData, config: TrainConfig) {
  checkConfig(data, config);
  const { train: ds, validation } = data;
  const rng = createRng(config.seed);
  const dtype = config.dtype ?? 'float32';
  const model = mlp(
    {
      inputs: ds.x.cols, outputs: ds.classNames.length, hidden: config.hidden, activation: config.activation,
      init: config.init, batchnorm: config.batchnorm, dropout: config.dropout,
      ...(config.outputBias && { outputBias: config.outputBias }),
    },
    rng.fork('model'),
    dtype,
  );
  const optimizer = createOptimizer(config.optimizer);
  const loss = config.loss ?? softmaxCrossEntropy();
  const shuffleRng = rng.fork('shuffle');
  const n = ds.y.length;
  const batch = config.batchSize === 'full' ? n : Math.min(config.batchSize, n);
  const order = kernelInt32(n);
  order.forEach((_, i) => (order[i] = i));
  // Batch buffers and views made once (the loop allocates nothing), in kernel memory: one kernel
  // call gathers a batch from the rows' copy there (freed at the end), the products read it in place.
  const xBatch = kernelMatrix(batch, ds.x.cols, dtype);
  const [yBatch, source] = [kernelInt32(batch), batchSource(ds.x, ds.y)];
  const views = new Map<number, { x: Matrix; y: Int32Array }>([[batch, { x: xBatch, y: yBatch }]]);
  const tail = n % batch;
  if (tail > 0) views.set(tail, { x: sliceRows(xBatch, 0, tail), y: yBatch.subarray(0, tail) });
  const dLogits = bufferCache(ds.classNames.length, dtype);
  const predicted = kernelInt32(batch);
  const maxSteps = config.maxSteps ?? Infinity;
  let steps = 0;
  let epoch = 0;
  const started = performance.now();
  // Everything an epoch changes, in a fixed order: what a checkpoint saves and restores.
  const live = () => [order, ...model.params.map((p) => p.value.data), ...model.layers.flatMap((l) => l.buffers ?? []), ...optimizer.buffers(model.params)];
  if (config.warmStart) restoreWeights(model, config.warmStart);
  if (config.resume) ({ epoch, steps } = restoreState(decodeCheckpoint(config.resume), live(), { shuffle: shuffleRng, dropout: model.dropoutRng }, config.epochs));

  return {
    model,
    checkpoint: () => encodeCheckpoint({ epoch, steps, rngs: { shuffle: shuffleRng.state(), dropout: model.dropoutRng.state() }, arrays: live() }),
    finished: () => epoch >= config.epochs || steps >= maxSteps,
    runEpoch(onStep: (step: number, epoch: number, loss: number) => void): EpochRecord {
      epoch++;
      if (batch < n) shuffleRng.shuffle(order);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let start = 0; start < n && steps < maxSteps; start += batch) {
        const count = Math.min(batch, n - start);
        const view = views.get(count)!;
        gatherBatch(source, order, start, count, view.x, view.y);
        const logits = model.forward(view.x, 'train');
        const grad = dLogits(count);
        const dataLoss = loss.compute(logits, view.y, grad.data);
        argmaxRows(logits, predicted);
        model.backward(grad);
        const value = dataLoss + applyPenalties(model.params, config);
        steps++;
        if (!Number.isFinite(value)) throw new DivergedError(epoch, steps, value);
        optimizer.step(model.params);
        if (config.stepEvery && steps % config.stepEvery === 0) onStep(steps, epoch, value);
        lossSum += value * count;
        for (let i = 0; i < count; i++) if (predicted[i] === view.y[i]) correct++;
        seen += count;
      }
      const val = validation && validation.y.length > 0 ? evaluateLoss(model, validation, loss) : null;
      return {
        epoch,
        loss: lossSum / seen,
        trainAccuracy: correct / seen,
        valLoss: val?.loss ?? null,
        valAccuracy: val?.accuracy ?? null,
        steps,
        seconds: (performance.now() - started) / 1000,
      };
    },
    seconds: () => (performance.now() - started) / 1000,
    release: source.release,
  };
}

/**
 * Trains an MLP: emits one `epoch` event per epoch, then `done` with the trained model.
 * Epochs run one per macrotask, so unsubscribing stops training between epochs; from within an
 * epoch's event too (early stopping), when the teardown has run already. A non-finite loss ends it with a `DivergedError`.
 *
 * @example
 * train({ train: splits.train, validation: splits.validation }, { ...defaultTrainConfig, epochs: 3 })
 *   .subscribe((event) => event.type === 'epoch' && console.log(event.valAccuracy));
 */
export const train: Train = (data, config) =>
  new Observable<TrainEvent>((subscriber) => {
    let timer: NodeJS.Immediate | undefined;
    let run: ReturnType<typeof session>;
    const history: EpochRecord[] = [];
    const step = () => {
      try {
        run ??= session(data, config);
        const record = run.runEpoch((step, epoch, loss) => subscriber.next({ type: 'step', step, epoch, loss }));
        history.push(record);
        subscriber.next({ type: 'epoch', ...record, model: run.model, checkpoint: run.checkpoint });
        if (run.finished()) {
          subscriber.next({ type: 'done', model: run.model, history, seconds: run.seconds() });
          subscriber.complete();
        } else if (!subscriber.closed) {
          timer = setImmediate(step);
        }
      } catch (error) {
        subscriber.error(error);
      }
    };
    timer = setImmediate(step);
    return () => (clearImmediate(timer), run?.release());
  });
