import { matrix, sliceRows, type DType, type Matrix } from '../tensor/matrix.ts';
import type { Rng } from '../tensor/rng.ts';
import { softmaxRows } from '../tensor/softmax.ts';
import { initializer } from './init.ts';
import type { Layer, Mode, Param } from './layer.ts';
import { activation, appliedRelu, type ActivationName } from './layers/activation.ts';
import { batchNorm } from './layers/batchnorm.ts';
import { dense } from './layers/dense.ts';
import { dropout } from './layers/dropout.ts';

/** The shape of a multi-layer perceptron. */
export interface ModelSpec {
  inputs: number;
  outputs: number;
  /** Units of each hidden layer, e.g. [256, 128]. */
  hidden: readonly number[];
  activation: ActivationName;
  /** Initialiser name, see `initializer()`. */
  init: string;
  batchnorm: boolean;
  /** Dropout rate after each hidden activation; 0 for none. */
  dropout: number;
  /** Starting bias of the output layer (e.g. log class priors, Lin et al. 2017); zeros if absent. */
  outputBias?: readonly number[];
}

/** Anything that maps feature rows to class probabilities (a model, or an ensemble of them). */
export interface Classifier {
  readonly classes: number;
  /** One row of probabilities (summing to 1) per input row. */
  predictProba(x: Matrix): Matrix;
}

/** A trainable network: forward to logits, backward from ∂L/∂logits. */
export interface Model extends Classifier {
  readonly spec: ModelSpec;
  readonly layers: readonly Layer[];
  readonly params: readonly Param[];
  /** The random stream training draws from (dropout's masks), which a checkpoint saves. */
  readonly dropoutRng: Rng;
  forward(x: Matrix, mode: Mode): Matrix;
  backward(dLogits: Matrix): void;
}

const predictChunk = 1024;

/**
 * Builds Dense → [BatchNorm] → activation → [Dropout] for each hidden layer, then a Dense
 * output layer producing logits.
 *
 * @example
 * const model = mlp({ inputs: 784, outputs: 10, hidden: [100], activation: 'relu',
 *   init: 'he', batchnorm: false, dropout: 0 }, createRng(1));
 */
export function mlp(spec: ModelSpec, rng: Rng, dtype: DType = 'float32'): Model {
  const init = initializer(spec.init);
  const initRng = rng.fork('init');
  const dropRng = rng.fork('dropout');
  const layers: Layer[] = [];
  let width = spec.inputs;
  // A ReLU straight after its dense layer is fused into that layer's kernels.
  const fuse = spec.activation === 'relu' && !spec.batchnorm;
  for (const units of spec.hidden) {
    layers.push(dense({ inputs: width, outputs: units, init, rng: initRng, dtype, inputGradient: layers.length > 0, relu: fuse }));
    if (spec.batchnorm) layers.push(batchNorm(units, { dtype }));
    layers.push(fuse ? appliedRelu() : activation(spec.activation, units, dtype));
    if (spec.dropout > 0) layers.push(dropout(spec.dropout, units, dropRng, dtype));
    width = units;
  }
  const output = dense({ inputs: width, outputs: spec.outputs, init, rng: initRng, dtype, inputGradient: layers.length > 0 });
  if (spec.outputBias) output.params[1]!.value.data.set(spec.outputBias);
  layers.push(output);
  const params = layers.flatMap((l) => l.params);

  const forward = (x: Matrix, mode: Mode): Matrix => layers.reduce((h, layer) => layer.forward(h, mode), x);
  return {
    spec,
    layers,
    params,
    dropoutRng: dropRng,
    classes: spec.outputs,
    forward,
    backward(dLogits) {
      let g = dLogits;
      for (let i = layers.length - 1; i >= 0; i--) g = layers[i]!.backward(g);
    },
    predictProba(x) {
      const out = matrix(x.rows, spec.outputs, dtype);
      for (let start = 0; start < x.rows; start += predictChunk) {
        const end = Math.min(start + predictChunk, x.rows);
        const logits = forward(sliceRows(x, start, end), 'eval');
        softmaxRows(logits, out.data.subarray(start * spec.outputs, end * spec.outputs));
      }
      return out;
    },
  };
}
