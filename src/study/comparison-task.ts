import { InputError } from '../errors.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import { runOnce, type SeedRun } from './comparison-seed.ts';
import { loadSplits, type DataOptions } from './data.ts';

/** One training of a comparison as a worker thread receives it: plain data only. */
export interface ComparisonTask {
  data: DataOptions;
  /** The seed of the splits (the comparison's first seed). */
  splitSeed: number;
  spec: string;
  config: TrainConfig;
  minority: number;
}

/** A task's outcome: its run, or the error it threw (by name, so an InputError stays one). */
export type TaskOutcome = { run: SeedRun } | { error: { name: string; message: string } };

const splitsOf = new Map<string, ReturnType<typeof loadSplits>>();

/**
 * Trains one strategy at one seed in a worker thread. The splits are loaded once per
 * thread and reused: the same seeded splits the main thread made.
 *
 * @example
 * const { run } = await runComparisonTask({ data: { dataset: 'mnist' }, splitSeed: 1, spec: 'smote', config, minority: 9 });
 */
export async function runComparisonTask(task: ComparisonTask): Promise<TaskOutcome> {
  try {
    const key = JSON.stringify([task.data, task.splitSeed]);
    let splits = splitsOf.get(key);
    if (!splits) {
      splits = loadSplits(task.data, task.splitSeed);
      splitsOf.set(key, splits);
    }
    return { run: await runOnce(task.spec, splits, task.config, task.minority) };
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
