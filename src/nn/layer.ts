import type { Matrix } from '../tensor/matrix.ts';

/** Layers behave differently while training (dropout on, batch statistics) and at inference. */
export type Mode = 'train' | 'eval';

/** A learnable tensor and its gradient, which `backward` overwrites each step. */
export interface Param {
  readonly name: string;
  readonly value: Matrix;
  readonly grad: Matrix;
  /** Whether L1/L2 penalties apply (weights yes; biases and batch-norm γ, β no). */
  readonly penalised: boolean;
}

/**
 * One step of the computation graph. `forward` keeps what `backward` needs; `backward`
 * takes ∂L/∂output, writes its parameters' gradients and returns ∂L/∂input.
 * Returned matrices are the layer's own buffers: valid until its next call.
 */
export interface Layer {
  readonly kind: string;
  readonly params: readonly Param[];
  /** State that training changes but no gradient does (batch norm's running averages): a checkpoint saves it. */
  readonly buffers?: readonly Float64Array[];
  forward(x: Matrix, mode: Mode): Matrix;
  backward(dy: Matrix): Matrix;
}
