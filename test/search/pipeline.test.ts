import { lastValueFrom, map, Observable, Subject, tap, timer, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../src/search/events.ts';
import { inProcessExecutor } from '../../src/search/executor.ts';
import type { Objective } from '../../src/search/objective.ts';
import { search, type SearchOptions } from '../../src/search/pipeline.ts';
import type { Params, Space } from '../../src/search/space.ts';
import type { TrialRecord } from '../../src/search/trial.ts';
import { hartmannComparison } from './hartmann.ts';

const space: Space = { x: { kind: 'uniform', low: -1, high: 1 }, k: { kind: 'choice', values: [1, 2, 3] } };
const score = (p: Params) => -((Number(p.x) - 0.3) ** 2) - Number(p.k) / 10;

// Steps arrive after a delay set by the parameters, so trials finish out of order when several run at once.
const slowObjective: Objective = (p) => timer(Math.round(Math.abs(Number(p.x)) * 20)).pipe(map(() => score(p)));

const run = (objective: Objective, options: Partial<SearchOptions> & { concurrency?: number } = {}): Promise<SearchEvent[]> =>
  lastValueFrom(search(space, inProcessExecutor(objective, options.concurrency ?? 1), { rounds: 3, trials: 8, seed: 5, ...options }).pipe(toArray()));

const records = (events: SearchEvent[]) => {
  const done = events.at(-1)!;
  if (done.type !== 'study-done') throw new Error(`the search ended with ${done.type}`);
  return done.trials;
};
const essence = (t: TrialRecord) => ({ round: t.round, index: t.index, seed: t.seed, params: t.params, status: t.status, score: t.score });

describe('search', () => {
  it('gives the same trials and scores whatever the concurrency and finishing order', async () => {
    const one = await run(slowObjective);
    const four = await run(slowObjective, { concurrency: 4 });
    const order = (events: SearchEvent[]) => events.flatMap((e) => (e.type === 'trial-finished' ? [`${e.trial.round}/${e.trial.index}`] : []));
    expect(order(four)).not.toEqual(order(one));
    expect(records(four).map(essence)).toEqual(records(one).map(essence));
    expect(records(one)).toHaveLength(24);
  });

  it('narrows between rounds, inside the previous ranges, and ends with the best trial', async () => {
    const events = await run(score);
    const narrowed = events.filter((e) => e.type === 'round-narrowed');
    expect(narrowed.map((e) => e.round)).toEqual([1, 2]);
    const done = events.at(-1) as Extract<SearchEvent, { type: 'study-done' }>;
    const [r1, , r3] = done.rounds.map((r) => r.ranges.x as { low: number; high: number });
    expect(r3!.low).toBeGreaterThanOrEqual(r1!.low);
    expect(r3!.high).toBeLessThanOrEqual(r1!.high);
    expect(r3!.high - r3!.low).toBeLessThan(r1!.high - r1!.low);
    expect(done.best!.score).toBe(Math.max(...done.trials.map((t) => t.score ?? -Infinity)));
  });

  it('records a trial that throws, one that gives NaN and one past its timeout as failed, and goes on', async () => {
    const objective: Objective = (p) => {
      const x = Number(p.x);
      if (x > 0.5) throw new Error('boom');
      if (x < -0.5) return NaN;
      return p.k === 3 ? timer(5000).pipe(map(() => 1e9)) : score(p);
    };
    const trials = records(await run(objective, { trialTimeout: 0.05 }));
    const failed = trials.filter((t) => t.status === 'failed');
    expect(new Set(failed.map((t) => t.error!.replace(/[\d.]+/g, 'N')))).toEqual(new Set([
      'boom', 'score NaN at step N is not a finite number', 'ran past the trial timeout of N s',
    ]));
    expect(failed.every((t) => t.score === null)).toBe(true);
    expect(trials.filter((t) => t.status === 'complete').length).toBeGreaterThan(0);
  });

  it('never lets a failed trial be best or steer the narrowing', async () => {
    // Large x scores best but fails: the ranges must move away from it.
    const objective: Objective = (p) => { if (Number(p.x) > 0.5) throw new Error('no'); return Number(p.x); };
    const events = await run(objective);
    const done = events.at(-1) as Extract<SearchEvent, { type: 'study-done' }>;
    expect(done.best!.params.x).toBeLessThanOrEqual(0.5);
    expect((done.rounds[2]!.ranges.x as { high: number }).high).toBeLessThan(0.7);
  });

  it('stops dispatching when told, and a resumed run skips the recorded trials and ends as an uninterrupted one', async () => {
    const full = records(await run(slowObjective, { concurrency: 2 }));
    const stop = new Subject<void>();
    const ended: TrialRecord[] = [];
    const first = await lastValueFrom(search(space, inProcessExecutor(slowObjective, 2), { rounds: 3, trials: 8, seed: 5, stop }).pipe(
      tap((e) => { if (e.type === 'trial-finished' || e.type === 'trial-failed') ended.push(e.trial); if (ended.length === 11) stop.next(); }),
      toArray(),
    ));
    expect(first.some((e) => e.type === 'study-done')).toBe(false);
    expect(ended.length).toBeLessThan(14);
    const calls: Params[] = [];
    const counting: Objective = (p, c) => { calls.push(p); return slowObjective(p, c); };
    const resumed = records(await run(counting, { concurrency: 2, resumed: ended }));
    expect(calls).toHaveLength(24 - ended.length);
    expect(resumed.map(essence)).toEqual(full.map(essence));
  });

  it('rejects options out of range', () => {
    expect(() => search(space, score, { rounds: 0, trials: 3, seed: 1 })).toThrow('rounds must be an integer >= 1, but got 0');
    expect(() => search(space, score, { rounds: 1, trials: 0, seed: 1 })).toThrow('trials must be an integer >= 1, but got 0');
  });

  it('accepts a promise or steps from the objective, scoring the best step and keeping the last', async () => {
    const steps: Objective = (p) => lastValueFrom(timer(0)).then(() => score(p));
    expect(records(await run(steps))).toHaveLength(24);
    const history: Objective = () => new Observable<number>((s) => { s.next(0.2); s.next(0.9); s.next(0.4); s.complete(); });
    const [trial] = records(await run(history, { rounds: 1, trials: 1 }));
    expect(trial).toMatchObject({ score: 0.9, last: 0.4, history: [{ score: 0.2 }, { score: 0.9 }, { score: 0.4 }] });
  });
});

describe('narrowing on the 6-D Hartmann function (minimised, 60 evaluations, 10 seeds)', () => {
  it('beats plain random sampling of the same budget on the median best value', async () => {
    const { narrowing, random } = await hartmannComparison(10);
    expect(narrowing).toBeLessThan(random);
  });
});
