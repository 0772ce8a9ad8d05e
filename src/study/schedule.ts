// Independent runs spread over a fixed number of lanes (this thread and worker threads),
// each lane taking the next run as soon as it is free. Which run goes next: first one run
// of every group not yet timed (in the given order), then the rest, longest group first,
// so the last runs to finish are short ones and no lane idles while another works through
// a long tail. Results come back in the order of the tasks, whatever ran where or when.

/** A run to schedule: `group` names runs expected to take alike (a strategy's seeds). */
export interface Scheduled {
  group: string;
}

/**
 * The index in `remaining` of the task to run next, given the seconds a finished run of
 * each group took: an untimed group's task first (the earliest), else one of the group
 * that took longest (the earliest of it). Pure, so the order is testable without threads.
 *
 * @example
 * nextTask([{ group: 'none' }, { group: 'smote' }], new Map([['none', 1], ['smote', 3]])); // 1
 */
export function nextTask(remaining: readonly Scheduled[], seconds: ReadonlyMap<string, number>): number {
  const untimed = remaining.findIndex((t) => !seconds.has(t.group));
  if (untimed >= 0) return untimed;
  let best = 0;
  for (let i = 1; i < remaining.length; i++) {
    if (seconds.get(remaining[i]!.group)! > seconds.get(remaining[best]!.group)!) best = i;
  }
  return best;
}

/**
 * Runs every task on `lanes` (each a function that runs one task; lane i runs one task at
 * a time), picking with `nextTask`; the results are in the order of `tasks`.
 *
 * @example
 * const results = await runScheduled(tasks, [runHere, (t) => pool.run(t)]);
 */
export async function runScheduled<T extends Scheduled, R>(tasks: readonly T[], lanes: readonly ((task: T) => Promise<R>)[]): Promise<R[]> {
  const results: R[] = new Array<R>(tasks.length);
  const remaining = tasks.map((task, index) => ({ group: task.group, task, index }));
  const seconds = new Map<string, number>();
  const lane = async (run: (task: T) => Promise<R>) => {
    while (remaining.length > 0) {
      const [{ group, task, index }] = remaining.splice(nextTask(remaining, seconds), 1) as [(typeof remaining)[number]];
      const started = performance.now();
      try {
        results[index] = await run(task);
      } catch (error) {
        // One failure fails the whole: the other lanes take nothing more.
        remaining.length = 0;
        throw error;
      }
      if (!seconds.has(group)) seconds.set(group, (performance.now() - started) / 1000);
    }
  };
  await Promise.all(lanes.map(lane));
  return results;
}
