import type { Dataset } from '../data/dataset.ts';
import { InputError } from '../errors.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import { runOnce, type Budget, type RunExtras, type SeedRun } from './comparison-seed.ts';
import type { loadSplits } from './data.ts';

/** The splits of a comparison, as loadSplits gives them. */
export type LoadedSplits = ReturnType<typeof loadSplits>;

/** One training of a comparison as a worker thread receives it: plain data only. */
export interface ComparisonTask {
  /** The splits, their arrays in shared memory (see `shareSplits`): every task reads the same ones. */
  splits: LoadedSplits;
  spec: string;
  config: TrainConfig;
  minority: number;
  /** Decision rules and K-fold scoring, when the comparison shows them. */
  extras?: RunExtras;
  budget: Budget;
}

/** A task's outcome: its run, or the error it threw (by name, so an InputError stays one). */
export type TaskOutcome = { run: SeedRun } | { error: { name: string; message: string } };

function shared<T extends Float32Array | Float64Array | Int32Array>(array: T, make: (buffer: SharedArrayBuffer) => T): T {
  const copy = make(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

function shareDataset(ds: Dataset): Dataset {
  const { data } = ds.x;
  const x = data instanceof Float32Array ? shared(data, (b) => new Float32Array(b)) : shared(data, (b) => new Float64Array(b));
  return { ...ds, x: { rows: ds.x.rows, cols: ds.x.cols, data: x }, y: shared(ds.y, (b) => new Int32Array(b)) };
}

/**
 * A copy of the splits whose arrays live in SharedArrayBuffers: posting it to a worker thread
 * shares them instead of copying (nothing writes to a split; strategies build new arrays).
 *
 * @example
 * const task = { splits: shareSplits(splits), spec: 'smote', config, minority, budget: { by: 'steps', steps: 65 } };
 */
export function shareSplits(splits: LoadedSplits): LoadedSplits {
  return {
    source: splits.source, fingerprints: splits.fingerprints,
    train: shareDataset(splits.train), validation: shareDataset(splits.validation), test: shareDataset(splits.test),
  };
}

/**
 * Trains one strategy at one seed in a worker thread.
 *
 * @example
 * const outcome = await runComparisonTask({ splits: shareSplits(splits), spec: 'smote', config, minority: 9 });
 */
export async function runComparisonTask(task: ComparisonTask): Promise<TaskOutcome> {
  try {
    return { run: await runOnce(task.spec, task.splits, task.config, task.minority, task.budget, task.extras) };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { error: { name, message } };
  }
}

/** The run of an outcome, or its error thrown again in this thread (an InputError as one). */
export function runOf(outcome: TaskOutcome): SeedRun {
  if ('run' in outcome) return outcome.run;
  throw outcome.error.name === 'InputError' ? new InputError(outcome.error.message) : new Error(outcome.error.message);
}
