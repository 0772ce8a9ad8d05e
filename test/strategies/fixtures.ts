import { of } from 'rxjs';
import {
  createRng, matrix, type Classifier, type DType, type Dataset, type Train, type TrainConfig, type TrainData,
  defaultTrainConfig,
} from '../../src/internal.ts';

/**
 * Gaussian gaussians, one per class, `sizes[c]` rows of class c centred at c·shift on every
 * feature (seeded): overlapping when shift is small.
 */
export function gaussians(sizes: readonly number[], features: number, seed: string | number, options: { shift?: number; dtype?: DType } = {}): Dataset {
  const rng = createRng(seed);
  const n = sizes.reduce((a, b) => a + b, 0);
  const x = matrix(n, features, options.dtype ?? 'float64');
  const y = new Int32Array(n);
  let row = 0;
  sizes.forEach((size, c) => {
    for (let s = 0; s < size; s++, row++) {
      y[row] = c;
      for (let j = 0; j < features; j++) x.data[row * features + j] = rng.normal(c * (options.shift ?? 1), 1);
    }
  });
  return {
    x, y,
    classNames: sizes.map((_, c) => `c${c}`),
    featureNames: Array.from({ length: features }, (_, j) => `f${j}`),
  };
}

/** Squared Euclidean distance of rows i and j, straight from the definition. */
export function distance2(ds: Dataset, i: number, j: number): number {
  const d = ds.x.cols;
  let s = 0;
  for (let f = 0; f < d; f++) s += (ds.x.data[i * d + f]! - ds.x.data[j * d + f]!) ** 2;
  return s;
}

/**
 * The oracle: by brute force, the rows of `candidates` within the k nearest of `row`
 * (itself excluded). Every row at the k-th distance counts, so ties never fail a test.
 */
export function bruteNeighbours(ds: Dataset, row: number, candidates: readonly number[], k: number): Set<number> {
  const others = candidates.filter((c) => c !== row).map((c) => ({ c, d: distance2(ds, row, c) })).sort((a, b) => a.d - b.d);
  const kth = others[k - 1]!.d;
  return new Set(others.filter((o) => o.d <= kth * (1 + 1e-9)).map((o) => o.c));
}

/** A fake trainer that records what reaches it and finishes at once with a uniform model. */
export function recordingTrainer(): { train: Train; calls: { data: TrainData; config: TrainConfig }[] } {
  const calls: { data: TrainData; config: TrainConfig }[] = [];
  const train: Train = (data, config) => {
    calls.push({ data, config });
    const classes = data.train.classNames.length;
    const model: Classifier = {
      classes,
      predictProba: (x) => ({ rows: x.rows, cols: classes, data: new Float64Array(x.rows * classes).fill(1 / classes) }),
    };
    const record = { epoch: 1, loss: 1, trainAccuracy: 0.5, valLoss: null, valAccuracy: null, steps: 1, seconds: 0 };
    return of({ type: 'epoch' as const, ...record }, { type: 'done' as const, model, history: [record], seconds: 0 });
  };
  return { train, calls };
}

/** A small trainer config for tests. */
export const quickConfig: TrainConfig = { ...defaultTrainConfig, hidden: [4], epochs: 1, seed: 1 };
