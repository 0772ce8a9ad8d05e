import { afterEach, describe, expect, it } from 'vitest';
import { kernelBackend, setKernelBackend, wasm, wasmRuntimes } from '../../src/tensor/backend.ts';
import { batchSource, gatherBatch } from '../../src/tensor/batch.ts';
import { crossEntropy } from '../../src/tensor/cross-entropy.ts';
import { argmaxRows } from '../../src/tensor/elementwise.ts';
import { kernelInt32, kernelMatrix, matrix, type Matrix } from '../../src/tensor/matrix.ts';
import * as reference from '../../src/tensor/reference/cross-entropy.ts';
import { createRng } from '../../src/tensor/rng.ts';

// The kernels of a training step besides the products: the batch gather, softmax
// cross-entropy with its gradient, and the rows' arg-max, in every WebAssembly build
// against the TypeScript path on the same values.
//
// No tolerance: the gather and the arg-max move and compare values, and cross-entropy
// does TypeScript's float64 operations in the same order with the engine's own exp and
// log (imported), so all three agree bit for bit.

const wasmExpected = process.env.SKEWTUNE_KERNELS !== 'ts';

function filled(rows: number, cols: number, seed: string, heap: boolean, scale = 1): Matrix {
  const m = heap ? kernelMatrix(rows, cols) : matrix(rows, cols);
  const rng = createRng(seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.between(-scale, scale);
  return m;
}

describe.runIf(wasmExpected)('step kernels in WebAssembly', () => {
  const initial = kernelBackend();
  afterEach(() => setKernelBackend(initial));

  it.each(wasmRuntimes.map((r) => r.build))('%s: gathers shuffled rows and labels as the per-row copy does', (build) => {
    setKernelBackend(build);
    const x = filled(37, 13, 'gather', false);
    const y = Int32Array.from({ length: 37 }, (_, i) => (i * 7) % 5);
    const order = kernelInt32(37);
    order.set(createRng('order').shuffle(Int32Array.from({ length: 37 }, (_, i) => i)));
    const source = batchSource(x, y);
    expect(wasm!.heap.contains(source.x.data)).toBe(true);
    const [out, labels] = [kernelMatrix(9, 13), kernelInt32(9)];
    gatherBatch(source, order, 28, 9, out, labels);
    const [want, wantLabels] = [matrix(9, 13), new Int32Array(9)];
    gatherBatch({ x, y, release: () => {} }, Int32Array.from(order), 28, 9, want, wantLabels);
    expect(Array.from(out.data)).toEqual(Array.from(want.data));
    expect(Array.from(labels)).toEqual(Array.from(wantLabels));
    expect(Array.from(labels)).toEqual(Array.from(order.subarray(28), (i) => y[i]));
  });

  it('gives the kernel memory of the training rows back at once on release', () => {
    const heap = wasm!.heap;
    const before = heap.freeBytes();
    const source = batchSource(filled(1000, 50, 'big', false), new Int32Array(1000));
    expect(heap.freeBytes()).toBeLessThanOrEqual(before - 1000 * 51 * 4);
    source.release();
    expect(heap.freeBytes()).toBe(before);
  });

  it.each(wasmRuntimes.map((r) => r.build))('%s: cross-entropy and its gradient match TypeScript bit for bit', (build) => {
    setKernelBackend(build);
    for (const [rows, cols, scale] of [[1, 1, 1], [7, 3, 5], [129, 10, 30], [4096, 10, 8]] as const) {
      const logits = filled(rows, cols, `logits${rows}`, true, scale);
      const labels = kernelInt32(rows);
      for (let i = 0; i < rows; i++) labels[i] = (i * 3) % cols;
      const grad = kernelMatrix(rows, cols);
      const loss = crossEntropy(logits, labels, grad.data);
      const want = new Float32Array(rows * cols);
      const wantLoss = reference.crossEntropy(logits, Int32Array.from(labels), want);
      expect(loss).toBe(wantLoss);
      expect(Array.from(grad.data)).toEqual(Array.from(want));
      // Without a gradient buffer only the loss is computed.
      expect(crossEntropy(logits, labels, null)).toBe(loss);
    }
  });

  it.each(wasmRuntimes.map((r) => r.build))('%s: arg-max per row takes the first of equal values, and treats NaN as TypeScript does', (build) => {
    setKernelBackend(build);
    const m = kernelMatrix(4, 3);
    m.data.set([1, 3, 3, NaN, 2, 1, -1, -1, -1, 0, NaN, 5]);
    const out = kernelInt32(4);
    argmaxRows(m, out);
    const want = new Int32Array(4);
    setKernelBackend('ts');
    argmaxRows(m, want);
    expect(Array.from(out)).toEqual([1, 0, 0, 2]);
    expect(Array.from(want)).toEqual([1, 0, 0, 2]);
  });
});
