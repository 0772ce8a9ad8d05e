import type { Float, Matrix } from '../tensor/matrix.ts';
import { rowLogSumShifted, rowMax } from '../tensor/softmax.ts';

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
    compute(logits, labels, grad) {
      const { rows, cols, data } = logits;
      let total = 0;
      for (let i = 0; i < rows; i++) {
        const o = i * cols;
        const max = rowMax(data, o, cols);
        const logSum = rowLogSumShifted(data, o, cols, max);
        const y = labels[i]!;
        total -= data[o + y]! - max - logSum;
        if (grad) {
          for (let j = 0; j < cols; j++) {
            grad[o + j] = (Math.exp(data[o + j]! - max - logSum) - (j === y ? 1 : 0)) / rows;
          }
        }
      }
      return total / rows;
    },
  };
}
