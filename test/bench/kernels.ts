// Throughput of the hot kernels at the trainer's shapes (784-256-128-10 MLP, batch 128),
// for the TypeScript and the WebAssembly SIMD backends, on one thread.
//
//   npx tsx test/bench/kernels.ts     one JSON object per line
//
// test/bench/run.ts imports kernelBenchmarks() for `npm run bench`. Each figure is the
// best of several timed rounds: other processes share the machine, and the best round is
// the one they disturbed least.
import { pathToFileURL } from 'node:url';
import { availableBackends, kernelBackend, setKernelBackend, type KernelBackend } from '../../src/tensor/backend.ts';
import { addRowVector, columnSums, multiply, reluBackward, reluForward } from '../../src/tensor/elementwise.ts';
import { matmul, matmulTransA, matmulTransB } from '../../src/tensor/gemm.ts';
import { kernelMatrix, type Matrix } from '../../src/tensor/matrix.ts';
import { createRng } from '../../src/tensor/rng.ts';
import { adamStep } from '../../src/tensor/update.ts';
import type { GemmForm } from '../../src/tensor/reference/gemm.ts';

/** One product of the training step: out is m×n, the inner dimension k. */
interface Shape {
  form: GemmForm;
  m: number;
  k: number;
  n: number;
}

const trainerShapes: Shape[] = [
  // Forward, x·W per layer.
  { form: 'A·B', m: 128, k: 784, n: 256 },
  { form: 'A·B', m: 128, k: 256, n: 128 },
  { form: 'A·B', m: 128, k: 128, n: 10 },
  // Backward, ∂W = xᵀ·dy per layer.
  { form: 'Aᵀ·B', m: 784, k: 128, n: 256 },
  { form: 'Aᵀ·B', m: 256, k: 128, n: 128 },
  { form: 'Aᵀ·B', m: 128, k: 128, n: 10 },
  // Backward, ∂x = dy·Wᵀ (the first layer needs none).
  { form: 'A·Bᵀ', m: 128, k: 128, n: 256 },
  { form: 'A·Bᵀ', m: 128, k: 10, n: 128 },
];

const rounds = 5;
const roundSeconds = 0.1;

/** Seconds per call of `run`: warmed up, then the best of `rounds` timed rounds. */
function bestSecondsPerCall(run: () => void): number {
  let calls = 1;
  const warmUpEnd = performance.now() + 50;
  for (; performance.now() < warmUpEnd; calls++) run();
  // Calls per round from the warm-up rate, so each round lasts about roundSeconds.
  const perRound = Math.max(1, Math.round((roundSeconds * 1000 * calls) / 50));
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) run();
    best = Math.min(best, (performance.now() - start) / 1000 / perRound);
  }
  return best;
}

function randomMatrix(rows: number, cols: number, seed: string): Matrix {
  const m = kernelMatrix(rows, cols);
  const rng = createRng(seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.between(-1, 1);
  return m;
}

function matmulRow(shape: Shape, backend: KernelBackend): object {
  const { form, m, k, n } = shape;
  // Operands stored as the layers store them: Aᵀ·B reads a k×m A, A·Bᵀ an n×k B.
  const a = form === 'Aᵀ·B' ? randomMatrix(k, m, 'a') : randomMatrix(m, k, 'a');
  const b = form === 'A·Bᵀ' ? randomMatrix(n, k, 'b') : randomMatrix(k, n, 'b');
  const out = kernelMatrix(m, n);
  const product = { 'A·B': matmul, 'Aᵀ·B': matmulTransA, 'A·Bᵀ': matmulTransB }[form];
  const seconds = bestSecondsPerCall(() => product(a, b, out));
  return { name: 'matmul', form, backend, m, k, n, gflops: round((2 * m * k * n) / seconds / 1e9) };
}

function elementwiseRows(backend: KernelBackend): object[] {
  const rows = 128;
  const cols = 256;
  const x = randomMatrix(rows, cols, 'x');
  const y = randomMatrix(rows, cols, 'y');
  const out = kernelMatrix(rows, cols);
  const bias = randomMatrix(1, cols, 'bias');
  const n = rows * cols;
  const ops: Record<string, () => void> = {
    addRowVector: () => addRowVector(out, bias.data),
    columnSums: () => columnSums(x, bias.data),
    reluForward: () => reluForward(x.data, out.data, n),
    reluBackward: () => reluBackward(x.data, y.data, out.data, n),
    multiply: () => multiply(x.data, y.data, out.data, n),
  };
  return Object.entries(ops).map(([op, run]) => ({
    name: 'elementwise', op, backend, rows, cols, gelemsPerSec: round(n / bestSecondsPerCall(run) / 1e9),
  }));
}

/** One Adam step over all 235,146 parameters of the 784-256-128-10 MLP. */
function adamRow(backend: KernelBackend): object {
  const n = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;
  const [w, g, m, v] = ['w', 'g', 'm', 'v'].map((seed) => randomMatrix(1, n, seed).data);
  for (let i = 0; i < n; i++) v![i] = Math.abs(v![i]!);
  let t = 0;
  const seconds = bestSecondsPerCall(() => adamStep(w!, g!, m!, v!, 0.001, 0.9, 0.999, 1e-8, ++t, n));
  return { name: 'optimizer', op: 'adamStep', backend, n, gelemsPerSec: round(n / seconds / 1e9) };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * GFLOP/s of each matrix-product form at the trainer's shapes, and the throughput of the
 * element-wise kernels and the Adam step, for each available backend (single thread).
 *
 * @example
 * for (const row of await kernelBenchmarks()) console.log(JSON.stringify(row));
 */
export async function kernelBenchmarks(): Promise<object[]> {
  const before = kernelBackend();
  const backends = availableBackends().reverse();
  const rows: object[] = [];
  try {
    for (const backend of backends) {
      setKernelBackend(backend);
      for (const shape of trainerShapes) {
        rows.push(matmulRow(shape, backend));
        // Let timers and finalizers run between measurements.
        await new Promise((resolve) => setImmediate(resolve));
      }
      rows.push(...elementwiseRows(backend), adamRow(backend));
    }
  } finally {
    setKernelBackend(before);
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await kernelBenchmarks()) console.log(JSON.stringify(row));
}
