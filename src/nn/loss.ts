import type { Float, Matrix } from '../tensor/matrix.ts';
import { crossEntropy } from '../tensor/cross-entropy.ts';

/**
 * A classification loss on logits. `compute` returns the mean loss over the batch and,
 * when `grad` is given, writes ∂(mean loss)/∂logits into it (same shape as `logits`).
 * Strategies swap the loss (focal, class-weighted) through `TrainConfig.loss`.
 */
export interface Loss {
  readonly name: string;
  compute(logits: Matrix, labels: Int32Array, grad: Float | null): number;
}

/**
 * Softmax cross-entropy, the lecture's L = −Σ_k 1{y = k}·log(e^{z_k} / Σ_j e^{z_j}),
 * averaged over the batch. Stable: log-softmax is z − max − log Σ e^{z − max}.
 * Gradient: (softmax(z) − onehot(y)) / m.
 *
 * @example
 * const loss = softmaxCrossEntropy();
 * const value = loss.compute(logits, labels, gradBuffer);
 */
export function softmaxCrossEntropy(): Loss {
  return {
    name: 'cross-entropy',
    compute: crossEntropy,
  };
}
