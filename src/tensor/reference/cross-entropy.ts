import type { Float, Matrix } from '../matrix.ts';
import { rowLogSumShifted, rowMax } from '../softmax.ts';

/**
 * Mean over the rows of −log softmax(z)[y] (stable: log-softmax is z − max − log Σ e^{z − max}),
 * in float64; writes (softmax(z) − onehot(y)) / rows into `grad` when given. The
 * WebAssembly twin (../wasm/assembly/loss.ts) does the same operations in the same order.
 */
export function crossEntropy(logits: Matrix, labels: Int32Array, grad: Float | null): number {
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
}
