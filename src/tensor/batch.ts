import { activeWasm } from './backend.ts';
import { int32Block, kernelInt32, type Matrix } from './matrix.ts';

// A training step's mini-batch: the shuffled rows copied into the batch buffer that the
// first layer's product reads. With the training rows copied once into the kernel memory,
// one WebAssembly call per step gathers the rows and their labels; otherwise each row is
// copied with one typed-array copy. Same values either way.

/** The training rows and labels as the gather reads them, and how to give their memory back. */
export interface BatchSource {
  readonly x: Matrix;
  readonly y: Int32Array;
  /** Frees the kernel-memory copy at once (a training run calls it when it ends); a no-op for the originals. */
  release(): void;
}

/**
 * `x` and `y` copied into the kernel memory when it is float32, the WebAssembly kernels
 * are loaded and the copy takes at most half of the free kernel memory (which everything
 * a thread trains shares: layers that found it full would run on copies, slower); otherwise
 * the originals themselves.
 *
 * @example
 * const source = batchSource(train.x, train.y);
 * try { … gatherBatch(source, order, start, count, xBatch, yBatch) … } finally { source.release(); }
 */
export function batchSource(x: Matrix, y: Int32Array): BatchSource {
  const original = { x, y, release: () => {} };
  const heap = activeWasm()?.heap;
  if (!heap || !(x.data instanceof Float32Array) || x.data.length === 0) return original;
  if (heap.contains(x.data) && heap.contains(y)) return original;
  if (x.data.byteLength + y.byteLength > heap.freeBytes() / 2) return original;
  const data = heap.alloc(x.data.length);
  if (!data) return original;
  const labels = kernelInt32(y.length);
  const block = int32Block(labels);
  if (!block) {
    heap.release(data);
    return original;
  }
  data.set(x.data);
  labels.set(y);
  return {
    x: { rows: x.rows, cols: x.cols, data }, y: labels,
    release: () => {
      heap.release(data);
      heap.release(block);
    },
  };
}

/**
 * Copies rows order[offset … offset+count) of `source` into the first `count` rows of
 * `out`, and their labels into `labels`.
 */
export function gatherBatch(source: BatchSource, order: Int32Array, offset: number, count: number, out: Matrix, labels: Int32Array): void {
  const { x, y } = source;
  const run = activeWasm();
  const h = run?.heap;
  if (run && h && h.contains(x.data) && h.contains(y) && h.contains(order) && h.contains(out.data) && h.contains(labels)) {
    run.kernels.gatherRows(x.data.byteOffset, x.cols, order.byteOffset, offset, count, out.data.byteOffset, y.byteOffset, labels.byteOffset);
    return;
  }
  const { cols } = x;
  for (let r = 0; r < count; r++) {
    const row = order[offset + r]!;
    out.data.set(x.data.subarray(row * cols, (row + 1) * cols), r * cols);
    labels[r] = y[row]!;
  }
}
