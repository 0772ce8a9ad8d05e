import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { search } from '../../src/search/pipeline.ts';
import type { SearchEvent } from '../../src/search/events.ts';
import { workerExecutor } from '../../src/search/worker-executor.ts';

const module = new URL('./fixtures/objective.ts', import.meta.url).href;
const space = { x: { kind: 'uniform', low: -1, high: 1 } } as const;

describe('the worker-thread executor', () => {
  const executor = workerExecutor({ module, workers: 2 });
  afterAll(() => executor.close());

  it('runs trials on worker threads, streaming their steps, and records failures with their reason', async () => {
    const events = await lastValueFrom(search(space, executor, { rounds: 1, trials: 12, seed: 3, direction: 'minimize' }).pipe(toArray()));
    const done = events.at(-1) as Extract<SearchEvent, { type: 'study-done' }>;
    expect(done.trials).toHaveLength(12);
    expect(events.filter((e) => e.type === 'trial-epoch').length).toBeGreaterThanOrEqual(3 * done.trials.filter((t) => t.status === 'complete').length);
    const errors = new Set(done.trials.flatMap((t) => (t.error ? [t.error.replace(/-?[\d.]+/g, 'N')] : [])));
    expect(errors).toEqual(new Set(['x=N is too large', 'score NaN at step N is not a finite number']));
    const trial = done.trials.find((t) => t.status === 'complete')!;
    const x = Number(trial.params.x);
    expect(trial.history.map((s) => s.score)).toEqual([1, 2, 3].map((i) => x * x + 1 / i));
  }, 30_000);

  it('abandons a trial past its timeout and keeps going with a fresh thread', async () => {
    // These trials never end: the search ends only if each is abandoned at its timeout, and as they hang in both of
    // the pool's threads, the next search runs only if those threads were ended and replaced.
    const events = await lastValueFrom(search(space, executor, { rounds: 1, trials: 4, seed: 4, trialTimeout: 0.3, task: { hang: true } }).pipe(toArray()));
    const done = events.at(-1) as Extract<SearchEvent, { type: 'study-done' }>;
    expect(done.trials.filter((t) => !t.error?.startsWith('x=')).map((t) => t.error)).toEqual(
      done.trials.filter((t) => !t.error?.startsWith('x=')).map(() => 'ran past the trial timeout of 0.3 s'));
    expect(done.trials.filter((t) => !t.error?.startsWith('x=')).length).toBeGreaterThanOrEqual(2);
    const after = await lastValueFrom(search(space, executor, { rounds: 1, trials: 4, seed: 3 }).pipe(toArray()));
    expect((after.at(-1) as Extract<SearchEvent, { type: 'study-done' }>).trials.some((t) => t.status === 'complete')).toBe(true);
  }, 30_000);
});
