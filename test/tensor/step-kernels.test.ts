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
// Tolerance: the gather and the arg-max move and compare values, so they agree bit for
// bit. Cross-entropy computes in float64 with exp and log from AssemblyScript (musl)
// where TypeScript has the engine's; the two may differ in the last bit of a float64, so
// the loss may differ by a few 2⁻⁵³ relative and a gradient element, rounded to float32,
// by at most one unit in the last place (2⁻²⁴ relative).

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

  it.each(wasmRuntimes.map((r) => r.build))('%s: cross-entropy and its gradient match TypeScript to the last bit of float32', (build) => {
    setKernelBackend(build);
    for (const [rows, cols, scale] of [[1, 1, 1], [7, 3, 5], [129, 10, 30]] as const) {
      const logits = filled(rows, cols, `logits${rows}`, true, scale);
      const labels = kernelInt32(rows);
      for (let i = 0; i < rows; i++) labels[i] = (i * 3) % cols;
      const grad = kernelMatrix(rows, cols);
      const loss = crossEntropy(logits, labels, grad.data);
      const want = new Float32Array(rows * cols);
      const wantLoss = reference.crossEntropy(logits, Int32Array.from(labels), want);
      expect(Math.abs(loss - wantLoss)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(wantLoss)));
      grad.data.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(2 ** -24 * Math.abs(want[i]!)));
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
