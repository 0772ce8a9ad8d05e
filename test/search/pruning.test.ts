import { lastValueFrom, Observable, Subject, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../src/search/events.ts';
import { inProcessExecutor } from '../../src/search/executor.ts';
import type { Objective, Step } from '../../src/search/objective.ts';
import { search, type SearchOptions } from '../../src/search/pipeline.ts';
import { createPruner } from '../../src/search/pruners/registry.ts';
import type { Params, Space } from '../../src/search/space.ts';
import type { TrialRecord } from '../../src/search/trial.ts';

const space: Space = { x: { kind: 'uniform', low: -1, high: 1 }, k: { kind: 'choice', values: [1, 2, 3] } };
// A learning curve: better with epochs, its ceiling set by the parameters.
const curve = (p: Params, epoch: number) => (1 - (Number(p.x) - 0.3) ** 2 - Number(p.k) / 10) * (1 - 0.5 ** epoch);

/**
 * An objective that trains epoch by epoch like the MLP: it goes on from its checkpoint (the
 * epoch it reached, as base64), gives one step per epoch up to `epochs`, with its checkpoint on
 * the last, after a delay set by the parameters (so trials finish out of order), and logs
 * every epoch it trains.
 */
function epochObjective(log: string[]): Objective {
  return (p, { seed, epochs = 9, checkpoint }) => new Observable<Step>((subscriber) => {
    let epoch = checkpoint === undefined ? 0 : Number(Buffer.from(checkpoint, 'base64').toString());
    const delay = Math.round(Math.abs(Number(p.x)) * 6);
    const next = () => {
      epoch++;
      log.push(`${seed}@${epoch}`);
      const state: Record<string, string> = epoch === epochs ? { checkpoint: Buffer.from(String(epoch)).toString('base64') } : {};
      subscriber.next({ epoch, score: curve(p, epoch), ...state });
      if (epoch < epochs) timer = setTimeout(next, delay);
      else subscriber.complete();
    };
    let timer = setTimeout(next, delay);
    return () => clearTimeout(timer);
  });
}

const halving = () => createPruner('halving', { minEpochs: 1, maxEpochs: 9, reduction: 3 });
const run = (log: string[], options: Partial<SearchOptions> & { concurrency?: number } = {}): Promise<SearchEvent[]> =>
  lastValueFrom(search(space, inProcessExecutor(epochObjective(log), options.concurrency ?? 1), {
    rounds: 2, trials: 9, seed: 3, pruner: halving(), ...options,
  }).pipe(toArray()));
const done = (events: SearchEvent[]) => {
  const last = events.at(-1)!;
  if (last.type !== 'study-done') throw new Error(`the search ended with ${last.type}`);
  return last;
};
const essence = (t: TrialRecord) => ({ round: t.round, index: t.index, status: t.status, score: t.score, epochs: t.epochs });
const twice = (log: string[]) => log.filter((entry, i) => log.indexOf(entry) !== i);

describe('search with successive halving', () => {
  it('trains each round to rungs 1, 3 and 9, keeping the best third at each, and no epoch twice', async () => {
    const log: string[] = [];
    const { trials, best } = done(await run(log));
    const round1 = trials.filter((t) => t.round === 1);
    expect(round1.map((t) => t.epochs).sort((a, b) => a! - b!)).toEqual([1, 1, 1, 1, 1, 1, 3, 3, 9]);
    expect(round1.filter((t) => t.status === 'pruned')).toHaveLength(8);
    // 9 trials × 1 epoch + 3 × 2 more + 1 × 6 more, per round: 21 of the 81 epochs without pruning.
    expect(log).toHaveLength(2 * 21);
    expect(twice(log)).toEqual([]);
    expect(best!.status).toBe('complete');
    expect(best!.epochs).toBe(9);
    // The survivor of each rung is the best there: the best 1-epoch trial of the round went on.
    const atOne = round1.map((t) => t.history[0]!.score);
    expect(round1.find((t) => t.epochs === 9)!.history[0]!.score).toBe(Math.max(...atOne));
  });

  it('prunes the same trials with the same scores whatever the concurrency and finishing order', async () => {
    const one = done(await run([]));
    const three = await run([], { concurrency: 3 });
    const order = (events: SearchEvent[]) => events.flatMap((e) => (e.type === 'trial-paused' ? [`${e.trial.round}/${e.trial.index}`] : []));
    expect(order(three)).not.toEqual(order(await run([])));
    expect(done(three).trials.map(essence)).toEqual(one.trials.map(essence));
  });

  it('records a trial stopped at a rung as pruned, with the epoch it stopped at, and ranks it below those trained further', async () => {
    const { trials } = done(await run([]));
    const pruned = trials.find((t) => t.status === 'pruned' && t.epochs === 3)!;
    expect(pruned.history.map((s) => s.epoch)).toEqual([1, 2, 3]);
    expect(pruned.score).toBe(Math.max(...pruned.history.map((s) => s.score)));
  });

  it('stopped mid-rung and resumed from its journal, ends as an uninterrupted run, having trained no epoch twice', async () => {
    const whole = done(await run([], { concurrency: 2 }));
    const stop = new Subject<void>();
    const journal: TrialRecord[] = [];
    const checkpoints = new Map<string, string>();
    let epochs = 0;
    // A run of the same study stopped after 12 epochs, its pauses and ends journalled.
    const stopped: string[] = [];
    await lastValueFrom(search(space, inProcessExecutor(epochObjective(stopped), 2), { rounds: 2, trials: 9, seed: 3, pruner: halving(), stop }).pipe(
      tap((e) => {
        if (e.type === 'trial-epoch' && ++epochs === 12) stop.next();
        if (e.type === 'trial-paused') {
          journal.push(e.trial);
          if (e.checkpoint) checkpoints.set(`${e.trial.round}/${e.trial.index}`, e.checkpoint);
        }
        if (e.type === 'trial-finished' || e.type === 'trial-pruned' || e.type === 'trial-failed') journal.push(e.trial);
      }),
      toArray(),
    ), { defaultValue: [] });
    expect(journal.some((t) => t.status === 'paused')).toBe(true);
    const resumedLog: string[] = [];
    const resumed = done(await lastValueFrom(search(space, inProcessExecutor(epochObjective(resumedLog), 2), {
      rounds: 2, trials: 9, seed: 3, pruner: halving(), resumed: journal,
      checkpointOf: (t) => checkpoints.get(`${t.round}/${t.index}`),
    }).pipe(toArray())));
    expect(resumed.trials.map(essence)).toEqual(whole.trials.map(essence));
    expect(twice([...stopped, ...resumedLog])).toEqual([]);
    expect(stopped.length + resumedLog.length).toBe(2 * 21);
  });

  it('ends when the budget is spent: running trials finish, waiting ones end pruned, and study-done says so', async () => {
    const budget = new Subject<void>();
    let epochs = 0;
    const events = await lastValueFrom(search(space, inProcessExecutor(epochObjective([]), 2), { rounds: 2, trials: 9, seed: 3, pruner: halving(), budget }).pipe(
      tap((e) => { if (e.type === 'trial-epoch' && ++epochs === 11) budget.next(); }),
      toArray(),
    ));
    const end = done(events);
    expect(end.budget).toBe(true);
    expect(end.trials.every((t) => t.round === 1 && t.status !== 'paused')).toBe(true);
    // Every trial that trained is recorded, the promoted one that never got its turn at rung 3 too.
    expect(end.trials).toHaveLength(9);
    expect(end.trials.filter((t) => t.status === 'pruned' && t.epochs === 1)).toHaveLength(7);
    expect(end.best!.epochs).toBeGreaterThan(1);
    expect(end.trials.filter((t) => t.status === 'pruned').length).toBeGreaterThan(0);
  });

  it('lets go of a budget it did not use up once it ends, so its timer keeps nothing alive', async () => {
    let watching = false;
    const budget = new Observable<void>(() => {
      watching = true;
      return () => { watching = false; };
    });
    const { budget: ended } = done(await run([], { rounds: 1, budget }));
    expect(ended).toBe(false);
    expect(watching).toBe(false);
  });

  it('without a pruner, runs each trial once as far as it goes, as before', async () => {
    const log: string[] = [];
    const { trials, budget } = done(await run(log, { pruner: undefined }));
    expect(budget).toBe(false);
    expect(trials.every((t) => t.status === 'complete' && t.history.length === 9 && t.epochs === undefined)).toBe(true);
    expect(log).toHaveLength(2 * 81);
  });
});
