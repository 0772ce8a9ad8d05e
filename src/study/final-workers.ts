import type { FinalLanes } from './final-model.ts';
import { finalPool } from './final-pool.ts';
import { executorNamed } from './executors.ts';
import type { StartedStudy } from './start.ts';

/**
 * Where a study's final networks train: the study's own worker threads when its trials ran here (their data are loaded
 * already), else a local pool of as many threads as it asked for workers (remote workers take only trials). `close` ends
 * the pool this made; the study's own executor is the caller's to close.
 *
 * @example
 * const { lanes, close } = await finalWorkers(run); try { await finalTest(…, { pool: lanes }); } finally { await close(); }
 */
export async function finalWorkers(run: StartedStudy): Promise<{ lanes: FinalLanes; close(): Promise<void> }> {
  const { executorOptions } = run;
  const study = run.study.study;
  if (executorOptions.spec === 'local') return { lanes: finalPool(run.started.executor, study, run.task), close: async () => {} };
  const { executor } = await executorNamed('local')({ ...executorOptions, spec: 'local' });
  return { lanes: finalPool(executor, study, run.task), close: () => executor.close() };
}
