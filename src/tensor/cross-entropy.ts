import { activeWasm } from './backend.ts';
import type { Float, Matrix } from './matrix.ts';
import * as reference from './reference/cross-entropy.ts';

/**
 * Softmax cross-entropy of `logits` against `labels`, averaged over the rows, and its
 * gradient (softmax − onehot) / rows into `grad` when given: one pass, in WebAssembly when
 * the logits, labels and gradient live in the kernel memory (a training step's buffers),
 * else in TypeScript. Both compute in float64 with the same operations and the engine's
 * exp and log, so they give the same bits.
 *
 * @example
 * const loss = crossEntropy(logits, labels, dLogits.data);
 */
export function crossEntropy(logits: Matrix, labels: Int32Array, grad: Float | null): number {
  const run = activeWasm();
  const h = run?.heap;
  if (run && h && logits.data instanceof Float32Array && h.contains(logits.data) && h.contains(labels) && (!grad || h.contains(grad))) {
    return run.kernels.crossEntropy(logits.data.byteOffset, labels.byteOffset, logits.rows, logits.cols, grad ? grad.byteOffset : 0);
  }
  return reference.crossEntropy(logits, labels, grad);
}
