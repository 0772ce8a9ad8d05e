import { Piscina } from 'piscina';
import { runScheduled } from '../../src/study/index.ts';

// An experiment's independent training runs on this thread and `workers − 1` worker threads.
// A run is an exported function of an experiment's module, called with one item of plain
// data and returning plain data: a worker thread imports the module itself, so the function
// gets its data through a loader that each thread runs once (`mnist()` is one). Each run
// depends on its item alone, so the results, returned in the order of the items, and the
// report built from them are the same for any number of workers.

const workerFile = new URL('./unit-worker.js', import.meta.url).href;

/**
 * `run(item)` for every item, `workers` at a time, results in the order of `items`. `run`
 * must be exported under its own name by `module` (the caller's `import.meta.url`), where
 * the worker threads find it. Items of one `group` (a setting's seeds) are expected to take
 * alike: once one of each group has run, the longest group's go first (../../src/study/schedule.ts).
 *
 * @example
 * export async function optimizerRun(item: { optimizer: OptimizerConfig; seed: number }) { … }
 * const runs = await inParallel(optimizerRun, import.meta.url, items, workers);
 */
export async function inParallel<T, R>(
  run: (item: T) => Promise<R>, module: string, items: readonly T[], workers: number, group: (item: T, index: number) => string = (_, i) => String(i),
): Promise<R[]> {
  const threads = Math.min(workers, items.length) - 1;
  const pool = threads > 0 ? new Piscina({ filename: workerFile, minThreads: threads, maxThreads: threads }) : null;
  try {
    const there = (item: T) => pool!.run({ module, name: run.name, item }) as Promise<R>;
    const lanes = [run, ...Array.from({ length: threads }, () => there)];
    return await runScheduled(items.map((item, i) => ({ group: group(item, i), item })), lanes.map((lane) => ({ item }: { item: T }) => lane(item)));
  } finally {
    await pool?.destroy();
  }
}
