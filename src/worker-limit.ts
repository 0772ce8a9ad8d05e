import { availableParallelism, totalmem } from 'node:os';
import { limits } from './limits.ts';

/** Memory a training worker thread may take: one measured at ~180 MB training 784-256-128-10 on mnist, rounded up. */
export const workerMemoryBytes = 200 * 2 ** 20;

/** The rule of `workerLimit` in words, for errors and help. */
export const workerRule = `4 a core, at least 8, one per ${workerMemoryBytes / 2 ** 20} MB of memory`;

/** The most worker threads a machine may run at once, and the rule in words for errors and help. */
export interface WorkerLimit {
  max: number;
  rule: string;
}

/**
 * The most worker threads (`--workers`, `worker --concurrency`) a machine runs at once: 4 per
 * core, at least 8 (threads beyond the cores only wait, but a few more keep a slow trial from
 * idling the rest), and no more than its memory holds at `workerMemoryBytes` each, never over
 * `limits.workers`. `--workers 256` on 2 cores once asked for ~45 GB.
 *
 * @example
 * workerLimit(2, 24 * 2 ** 30); // { max: 8, rule: '4 a core, at least 8, one per 200 MB of memory: 2 cores, 24,576 MB' }
 */
export function workerLimit(cores = availableParallelism(), memory = totalmem()): WorkerLimit {
  const byMemory = Math.max(1, Math.floor(memory / workerMemoryBytes));
  const max = Math.min(Math.max(8, 4 * cores), byMemory, limits.workers);
  const mb = Math.round(memory / 2 ** 20).toLocaleString('en-US');
  return { max, rule: `${workerRule}: ${cores} core${cores === 1 ? '' : 's'}, ${mb} MB` };
}

/**
 * The default number of worker threads: one a core, within `workerLimit`.
 *
 * @example
 * defaultWorkers(); // 2 on a 2-core machine
 */
export function defaultWorkers(): number {
  return Math.min(availableParallelism(), workerLimit().max);
}
