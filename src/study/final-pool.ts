import { lastValueFrom } from 'rxjs';
import type { Executor } from '../search/executor.ts';
import type { Json } from '../search/space.ts';
import type { FinalLanes } from './final-model.ts';
import { memberFromJson } from './final-member.ts';
import type { MlpTask } from './task.ts';

/**
 * The final networks on a worker pool (a local executor whose module is `task.ts`): each network is one job of the study
 * `STUDY/final`, its task the study's with `final` set (the network's seed, its fewest epochs and its deadline) and its
 * epochs the cap; the worker trains it on the whole training split and sends it back (see `memberJson`). As many train at
 * once as the pool has threads.
 *
 * @example
 * const final = await finalTest(chosen, data, 30, 'accuracy', { members: 3, pool: finalPool(executor, study, task) });
 */
export function finalPool(executor: Executor, study: string, task: MlpTask): FinalLanes {
  return {
    lanes: executor.concurrency,
    run: async (plan) => {
      const final = {
        seed: plan.seed, atLeast: plan.atLeast, until: Number.isFinite(plan.until) ? plan.until : null,
        ...(plan.warmStart && { warmStart: Buffer.from(plan.warmStart).toString('base64') }),
        ...(plan.refit && { refit: true }),
      };
      const job = {
        study: `${study}/final`, round: 0, index: 0, seed: typeof plan.seed === 'number' ? plan.seed : 0, params: plan.params,
        epochs: plan.cap, task: JSON.parse(JSON.stringify({ ...task, final })) as Json,
      };
      return memberFromJson(await lastValueFrom(executor.run(job)));
    },
  };
}
