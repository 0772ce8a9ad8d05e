import { afterEach, describe, expect, it } from 'vitest';
import { affine, affineBackward } from '../../src/tensor/affine.ts';
import { availableBackends, kernelBackend, setKernelBackend } from '../../src/tensor/backend.ts';
import { addRowVector, columnSums, reluBackward, reluForward } from '../../src/tensor/elementwise.ts';
import { matmul, matmulTransA, matmulTransB } from '../../src/tensor/gemm.ts';
import { kernelMatrix, matrix, type Matrix } from '../../src/tensor/matrix.ts';
import { createRng } from '../../src/tensor/rng.ts';

// The fused dense kernels (bias and ReLU at the product's store, the ReLU mask at the
// gradient's load) against the same kernels run one after another: identical bits, in
// every backend, wherever the operands live.

const initial = kernelBackend();
afterEach(() => setKernelBackend(initial));

function filled(rows: number, cols: number, seed: string, inKernel: boolean): Matrix {
  const m = inKernel ? kernelMatrix(rows, cols) : matrix(rows, cols);
  const rng = createRng(seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.between(-1, 1);
  return m;
}

const bits = (m: Matrix | Float32Array) => {
  const data = (m instanceof Float32Array ? m : m.data) as Float32Array;
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
};

const shapes: [number, number, number][] = [[1, 1, 1], [7, 13, 5], [129, 785, 257], [128, 300, 10]];
const cases = availableBackends().flatMap((backend) => shapes.flatMap((s) => [true, false].map((inKernel) => [backend, ...s, inKernel] as const)));

describe('fused dense kernels', () => {
  it.each(cases)('%s: m=%i, k=%i, n=%i, x in kernel memory: %s — equal to the unfused kernels bit for bit', (backend, m, k, n, inKernel) => {
    setKernelBackend(backend);
    const x = filled(m, k, `x${m}`, inKernel);
    const w = filled(k, n, `w${k}`, true);
    const b = filled(1, n, `b${n}`, true).data;
    for (const relu of [false, true]) {
      const fused = kernelMatrix(m, n);
      affine(x, w, b, fused, relu);
      const plain = kernelMatrix(m, n);
      matmul(x, w, plain);
      addRowVector(plain, b);
      if (relu) reluForward(plain.data, plain.data, m * n);
      expect(bits(fused)).toEqual(bits(plain));
      if (relu && m * n > 1) expect(fused.data.some((v) => v === 0) && fused.data.some((v) => v > 0)).toBe(true);

      const dy = filled(m, n, `dy${m}`, true);
      const grads = { weight: kernelMatrix(k, n), bias: kernelMatrix(1, n).data, input: kernelMatrix(m, k), scratch: (rows: number) => kernelMatrix(rows, n) };
      affineBackward(x, w, dy, relu ? fused : null, grads);
      const g = kernelMatrix(m, n);
      if (relu) reluBackward(fused.data, dy.data, g.data, m * n);
      else g.data.set(dy.data);
      const [dW, db, dx] = [kernelMatrix(k, n), kernelMatrix(1, n).data, kernelMatrix(m, k)];
      matmulTransA(x, g, dW);
      columnSums(g, db);
      matmulTransB(g, w, dx);
      expect(bits(grads.weight)).toEqual(bits(dW));
      expect(bits(grads.bias as Float32Array)).toEqual(bits(db as Float32Array));
      expect(bits(grads.input)).toEqual(bits(dx));
    }
  });
});
