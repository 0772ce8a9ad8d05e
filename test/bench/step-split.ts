// Where a training step's time goes (784-256-128-10, batch 128, Adam, one thread): the
// whole step is timed through train(), then its kernels are replayed alone at the same
// shapes on the same kind of buffers: the eight matrix products, the element-wise work
// (bias adds, ReLU forward and backward, bias gradients, softmax cross-entropy and its
// gradient) and the Adam step. What is left (batch gathering, arg-max, penalties,
// bookkeeping) is "rest". The step fuses bias and ReLU into the products; the replay runs them apart, so
// the element-wise figure is what that work would cost on its own (an upper bound).
//
//   npx tsx test/bench/step-split.ts     one JSON object per line
import { pathToFileURL } from 'node:url';
import { lastValueFrom } from 'rxjs';
import {
  availableBackends, createRng, defaultTrainConfig, kernelBackend, kernelInt32, kernelMatrix, setKernelBackend, train,
  type Dataset, type KernelBackend, type Matrix, type TrainEvent,
} from '../../src/internal.ts';
import { crossEntropy } from '../../src/tensor/cross-entropy.ts';
import { addRowVector, columnSums, reluBackward, reluForward } from '../../src/tensor/elementwise.ts';
import { matmul, matmulTransA, matmulTransB } from '../../src/tensor/gemm.ts';
import { adamStep } from '../../src/tensor/update.ts';
import { syntheticDigits } from './synthetic-digits.ts';

const widths = [784, 256, 128, 10];
const batch = 128;
const steps = 300;

function filled(rows: number, cols: number, seed: string): Matrix {
  const m = kernelMatrix(rows, cols);
  const rng = createRng(seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.between(-1, 1);
  return m;
}

/** Median milliseconds of `run` over 7 rounds of `calls` calls, after a warm-up. */
function ms(run: () => void, calls = 40): number {
  for (let i = 0; i < calls; i++) run();
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) run();
    times.push((performance.now() - started) / calls);
  }
  return times.sort((a, b) => a - b)[3]!;
}

/** The kernels of one step, grouped: each group is one function running them all once. */
function replay(): Record<'products' | 'forward' | 'weightGradients' | 'inputGradients' | 'elementwise' | 'optimizer', () => void> {
  const layers = widths.slice(1).map((outputs, l) => {
    const inputs = widths[l]!;
    return {
      x: filled(batch, inputs, `x${l}`), w: filled(inputs, outputs, `w${l}`), b: filled(1, outputs, `b${l}`),
      y: filled(batch, outputs, `y${l}`), dy: filled(batch, outputs, `dy${l}`), dw: kernelMatrix(inputs, outputs),
      db: kernelMatrix(1, outputs), dx: kernelMatrix(batch, inputs), act: kernelMatrix(batch, outputs),
      state: [0, 1].map(() => kernelMatrix(1, inputs * outputs + outputs).data), hidden: l < 2, first: l === 0,
    };
  });
  const params = layers.flatMap((l) => [[l.w.data, l.dw.data], [l.b.data, l.db.data]] as const);
  const moments = layers.flatMap((l) => [[l.state[0]!, l.state[1]!], [l.state[0]!.subarray(0, l.b.cols), l.state[1]!.subarray(0, l.b.cols)]] as const);
  const labels = kernelInt32(batch);
  labels.forEach((_, i) => (labels[i] = i % 10));
  const logits = layers[2]!.y;
  const dLogits = kernelMatrix(batch, 10);
  let t = 0;
  return {
    // Each form of the step's products alone, for its GFLOP/s.
    forward: () => layers.forEach((l) => matmul(l.x, l.w, l.y)),
    weightGradients: () => layers.forEach((l) => matmulTransA(l.x, l.dy, l.dw)),
    inputGradients: () => layers.forEach((l) => !l.first && matmulTransB(l.dy, l.w, l.dx)),
    products: () => {
      for (const l of layers) {
        matmul(l.x, l.w, l.y);
        matmulTransA(l.x, l.dy, l.dw);
        if (!l.first) matmulTransB(l.dy, l.w, l.dx);
      }
    },
    elementwise: () => {
      for (const l of layers) {
        addRowVector(l.y, l.b.data);
        columnSums(l.dy, l.db.data);
        if (l.hidden) {
          reluForward(l.y.data, l.act.data, l.y.data.length);
          reluBackward(l.y.data, l.dy.data, l.act.data, l.y.data.length);
        }
      }
      crossEntropy(logits, labels, dLogits.data);
    },
    optimizer: () => {
      t++;
      params.forEach(([w, g], i) => adamStep(w, g, moments[i]![0], moments[i]![1], 0.001, 0.9, 0.999, 1e-8, t, w.length));
    },
  };
}


async function stepMs(data: Dataset): Promise<number> {
  const config = { ...defaultTrainConfig, hidden: [256, 128], batchSize: batch, optimizer: { name: 'adam' as const, lr: 0.001 } };
  await lastValueFrom(train({ train: data }, { ...config, epochs: 1, maxSteps: 20 }));
  // The trainer's own clock: the steps, without building the model (as test/bench/peers.ts).
  const done = await lastValueFrom(train({ train: data }, { ...config, epochs: 100, maxSteps: steps })) as Extract<TrainEvent, { type: 'done' }>;
  return (done.seconds * 1000) / steps;
}

const round = (x: number) => Number(x.toFixed(3));

/**
 * One row per WebAssembly build: milliseconds of a step and of its products, element-wise
 * work, optimizer and rest, with each part's share, and the GFLOP/s of each product form
 * (forward x·W, weight gradients xᵀ·dy, input gradients dy·Wᵀ) over the step's shapes.
 *
 * @example
 * for (const row of await stepSplitBenchmarks()) console.log(JSON.stringify(row));
 */
export async function stepSplitBenchmarks(): Promise<object[]> {
  const initial = kernelBackend();
  const data = syntheticDigits(batch * 40, 'split');
  const rows: object[] = [];
  const builds = availableBackends().filter((b): b is Exclude<KernelBackend, 'ts'> => b !== 'ts');
  try {
    for (const backend of builds) {
      setKernelBackend(backend);
      const step = await stepMs(data);
      const groups = replay();
      const parts = { products: ms(groups.products), elementwise: ms(groups.elementwise), optimizer: ms(groups.optimizer) };
      const rest = Math.max(0, step - parts.products - parts.elementwise - parts.optimizer);
      const all = { ...parts, rest };
      const share = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Number((v / step).toFixed(2))]));
      // GFLOP/s of each form over the step's shapes: does a transposed form lag A·B?
      const flops = (layers: number[][]) => layers.reduce((sum, [m, k, n]) => sum + 2 * m! * k! * n!, 0);
      const shapes = widths.slice(1).map((n, l) => [batch, widths[l]!, n]);
      const gflops = {
        'A·B': flops(shapes) / ms(groups.forward) / 1e6,
        'Aᵀ·B': flops(shapes) / ms(groups.weightGradients) / 1e6,
        'A·Bᵀ': flops(shapes.slice(1)) / ms(groups.inputGradients) / 1e6,
      };
      rows.push({
        name: 'step-split', kernels: backend, layers: widths.join('-'), batch, optimizer: 'adam', stepMs: round(step),
        ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`${k}Ms`, round(v)])), share,
        gflops: Object.fromEntries(Object.entries(gflops).map(([k, v]) => [k, Number(v.toFixed(1))])),
      });
    }
  } finally {
    setKernelBackend(initial);
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await stepSplitBenchmarks()) console.log(JSON.stringify(row));
}
