import { BehaviorSubject, NEVER, asyncScheduler, defer, finalize, map, merge, of, subscribeOn, take, type Observable, type SchedulerLike } from 'rxjs';
import type { RoundRanges, SearchEvent } from './events.ts';
import { inProcessExecutor, type Executor } from './executor.ts';
import type { Direction } from './narrowing.ts';
import type { Objective } from './objective.ts';
import type { Pruner } from './pruner.ts';
import { position, roundEvents, type Context, type Dispatch, type StudyState } from './rounds.ts';
import { narrowingSampler } from './samplers/narrowing.ts';
import type { Sampler } from './samplers/sampler.ts';
import type { Json, Space } from './space.ts';
import { bestTrial, byPosition, isEnded, type TrialRecord } from './trial.ts';

/** How `search` runs: rounds, trials per round, seed, and optionally the sampler, pruner, budget and more. */
export interface SearchOptions {
  /** Rounds of sampling; the ranges narrow between them. */
  rounds: number;
  /** Trials in each round. */
  trials: number;
  seed: number;
  /** Which way scores are better (default 'maximize'). */
  direction?: Direction;
  /** Plans each round from the space and the trials so far (default: `narrowingSampler()`, the lecture's). */
  sampler?: Sampler;
  /** Seconds after which a running trial (under a pruner: a run of it to one rung) is abandoned and recorded as failed. */
  trialTimeout?: number;
  /** The study's id, carried in every job (default 'study'). */
  study?: string;
  /** What the executor builds the objective from, carried in every job (default null). */
  task?: Json;
  /** Trials an earlier run of this study recorded: they are reported, not run again. */
  resumed?: readonly TrialRecord[];
  /** When it emits, no further trial is dispatched; running ones finish and the stream completes without `study-done`. */
  stop?: Observable<unknown>;
  /**
   * Decides at each rung whether a trial goes on (see `Pruner`); trials are then told the epochs
   * to train up to and where they stopped. Without one, each trial runs once, as far as it goes.
   */
  pruner?: Pruner;
  /** When it emits (the time budget is spent), no further trial is dispatched; running ones finish and the study ends with `study-done`. */
  budget?: Observable<unknown>;
  /** The checkpoint (base64) a paused trial of `resumed` stopped with, if it can be found (the journal keeps them). */
  checkpointOf?: (trial: TrialRecord) => string | undefined;
  /**
   * Where each round after the first starts (default `asyncScheduler`: a fresh stack, so a budget's
   * timer gets its turn between rounds). `askTell` starts them at once, within the tell that ends a round.
   */
  scheduler?: SchedulerLike;
}

function check(options: SearchOptions): void {
  const whole = (name: 'rounds' | 'trials') => {
    if (!(Number.isInteger(options[name]) && options[name] >= 1)) {
      throw new RangeError(`search options: ${name} must be an integer >= 1, but got ${options[name]}`);
    }
  };
  whole('rounds');
  whole('trials');
  if (options.trialTimeout !== undefined && !(options.trialTimeout > 0)) {
    throw new RangeError(`search options: trialTimeout must be > 0 seconds, but got ${options.trialTimeout}`);
  }
}

/** The journal's records by position: a trial's end wins over its pauses, and a later pause over an earlier. */
function resumedByPosition(records: readonly TrialRecord[]): Map<string, TrialRecord> {
  const kept = new Map<string, TrialRecord>();
  for (const t of records) {
    const was = kept.get(position(t));
    if (!was || (!isEnded(was) && (isEnded(t) || t.history.length > was.history.length))) kept.set(position(t), t);
  }
  return kept;
}

function nextRound(ctx: Context, state: StudyState) {
  return (planned: RoundRanges) => (ended: TrialRecord[], budget: boolean): Observable<SearchEvent> => {
    const records = [...state.records, ...ended.sort(byPosition)];
    const rounds = [...state.rounds, planned];
    if (budget || state.round === ctx.rounds) {
      return of<SearchEvent>({ type: 'study-done', best: bestTrial(records, ctx.direction), trials: records, rounds, budget });
    }
    const next: StudyState = { round: state.round + 1, ranges: planned.ranges, records, rounds };
    // Each round starts on a fresh stack (a timer task): rounds told from the journal, or run by a synchronous
    // objective, would otherwise nest one inside the other until the stack overflows (a resumed study of a few
    // hundred rounds did), and a budget's timer would never get its turn between them.
    return defer(() => roundEvents(ctx, next, nextRound(ctx, next))).pipe(subscribeOn(ctx.scheduler));
  };
}

/**
 * The four-step random search: (0) the ranges of `space`; (1) a round of `trials` samples;
 * (2) each runs the objective (at most `executor.concurrency` at once) and is scored;
 * (3) the sampler plans the next round from the trials so far (the default narrows the
 * ranges around the best trials, see `narrowingSampler`).
 * With a `pruner`, step 2 runs rung by rung: the round's trials train to the first rung, the
 * pruner stops some, the rest go on from where they stopped, and so on; the best trials are
 * then those that trained furthest (see `rankTrials`). A `budget` ends the study early,
 * its running trials finished, its waiting ones pruned. A trial that throws, gives a non-finite score or runs past `trialTimeout` is recorded as
 * failed and the search goes on. Same seed, same scores, whatever the concurrency and the
 * order trials finish in. Give an `Objective` to run trials in this thread, or an
 * `Executor` to run them elsewhere.
 *
 * @example
 * search({ x: { kind: 'uniform', low: -1, high: 1 } }, (p) => Number(p.x) ** 2,
 *   { rounds: 3, trials: 10, seed: 1, direction: 'minimize' })
 *   .subscribe((e) => e.type === 'study-done' && console.log(e.best?.params));
 */
export function search(space: Space, objective: Objective | Executor, options: SearchOptions): Observable<SearchEvent> {
  check(options);
  const direction = options.direction ?? 'maximize';
  const stop = (options.stop ?? NEVER).pipe(map((): Dispatch => 'stop'));
  const spent = (options.budget ?? NEVER).pipe(map((): Dispatch => 'budget'));
  const start = (dispatch: Observable<Dispatch>): Context => ({
    rounds: options.rounds,
    trials: options.trials,
    seed: options.seed,
    direction,
    study: options.study ?? 'study',
    task: options.task ?? null,
    dispatch,
    executor: typeof objective === 'function' ? inProcessExecutor(objective) : objective,
    space,
    sampler: options.sampler ?? narrowingSampler(),
    trialTimeout: options.trialTimeout,
    resumed: resumedByPosition(options.resumed ?? []),
    // A pruner with one rung (`none`) runs each trial once, as the search without one does.
    pruner: (options.pruner?.rungs.length ?? 0) > 1 ? options.pruner : undefined,
    pruned: (options.pruner?.rungs.length ?? 0) > 1,
    checkpointOf: options.checkpointOf ?? (() => undefined),
    scheduler: options.scheduler ?? asyncScheduler,
  });
  const first: StudyState = { round: 1, ranges: space, records: [], rounds: [] };
  return defer(() => {
    // Whether a stop or the budget came, replayed to each trial as its turn comes, across rounds.
    // The watch ends with the search, so a budget's timer never keeps the process alive after it.
    const gate = new BehaviorSubject<Dispatch>('go');
    const watch = merge(stop, spent).pipe(take(1)).subscribe((reason) => gate.next(reason));
    const ctx = start(gate.asObservable());
    return roundEvents(ctx, first, nextRound(ctx, first)).pipe(finalize(() => watch.unsubscribe()));
  });
}
