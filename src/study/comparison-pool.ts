import { Piscina } from 'piscina';
import type { ComparisonTask, TaskOutcome } from './comparison-task.ts';

/** A pool's two operations. */
export interface ComparisonPool {
  run(task: ComparisonTask): Promise<TaskOutcome>;
  close(): Promise<void>;
}

/**
 * Worker threads (piscina) for a comparison's runs: each trains one strategy at one seed at a
 * time, on splits shared with the main thread (./comparison-task.ts). `close()` ends them.
 *
 * @example
 * const pool = comparisonPool(2);
 * const outcomes = await Promise.all(tasks.map(pool.run));
 * await pool.close();
 */
export function comparisonPool(workers: number): ComparisonPool {
  const pool = new Piscina({ filename: new URL('./comparison-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  return { run: (task) => pool.run(task) as Promise<TaskOutcome>, close: () => pool.destroy() };
}
