import {
  EMPTY, NEVER, concat, connect, defer, from, identity, map, materialize, merge, mergeMap, of, scan, shareReplay, take, takeLast,
  takeUntil, type Observable, type ObservableNotification,
} from 'rxjs';
import { InputError } from '../errors.ts';
import { endedTrial, trialEnded, type RoundRanges, type SearchEvent } from './events.ts';
import { inProcessExecutor, type Executor, type TrialJob } from './executor.ts';
import { narrow, type Direction, type NarrowOptions } from './narrowing.ts';
import type { Objective, Step } from './objective.ts';
import { paramsKey, planRound, type PlannedTrial } from './sampling.ts';
import type { Json, Params, Space } from './space.ts';
import { bestTrial, byPosition, endTrial, failTrial, isComplete, type TrialRecord } from './trial.ts';
import { trialTimeout } from './trial-timeout.ts';

export interface SearchOptions {
  /** Rounds of sampling; the ranges narrow between them. */
  rounds: number;
  /** Trials in each round. */
  trials: number;
  seed: number;
  /** Which way scores are better (default 'maximize'). */
  direction?: Direction;
  /** How the ranges narrow between rounds (see `narrow`). */
  narrowing?: Omit<NarrowOptions, 'direction'>;
  /** Seconds after which a running trial is abandoned and recorded as failed. */
  trialTimeout?: number;
  /** The study's id, carried in every job (default 'study'). */
  study?: string;
  /** What the executor builds the objective from, carried in every job (default null). */
  task?: Json;
  /** Trials an earlier run of this study recorded: they are reported, not run again. */
  resumed?: readonly TrialRecord[];
  /** When it emits, no further trial is dispatched; running ones finish and the stream completes without `study-done`. */
  stop?: Observable<unknown>;
}

interface Context extends Required<Omit<SearchOptions, 'narrowing' | 'trialTimeout' | 'resumed' | 'stop'>> {
  stopped: Observable<boolean>;
  executor: Executor;
  narrowing: NarrowOptions;
  trialTimeout: number | undefined;
  resumed: ReadonlyMap<string, TrialRecord>;
}

/** Where the study stands when a round begins. */
interface StudyState {
  round: number;
  ranges: Space;
  tried: Params[];
  records: TrialRecord[];
  rounds: RoundRanges[];
}

const position = (t: { round: number; index: number }) => `${t.round}/${t.index}`;

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

function runTrial(ctx: Context, planned: PlannedTrial): Observable<SearchEvent> {
  return defer(() => {
    const job: TrialJob = { study: ctx.study, ...planned, task: ctx.task };
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const timeout = ctx.trialTimeout === undefined ? identity : takeUntil<Step>(trialTimeout(ctx.trialTimeout));
    type Acc = { history: Step[]; event?: SearchEvent };
    const step = (acc: Acc, n: ObservableNotification<Step>): Acc => {
      if (n.kind === 'N') return { history: [...acc.history, n.value], event: { type: 'trial-epoch', round: job.round, index: job.index, step: n.value } };
      const trial = n.kind === 'C'
        ? endTrial(planned, acc.history, ctx.direction, seconds())
        : failTrial(planned, acc.history, n.error instanceof Error ? n.error.message : String(n.error), seconds());
      return { history: acc.history, event: trialEnded(trial, false) };
    };
    return concat(
      of<SearchEvent>({ type: 'trial-started', job }),
      ctx.executor.run(job).pipe(timeout, materialize(), scan(step, { history: [] }), map((acc) => acc.event!)),
    );
  });
}

/** The trials of a round that an earlier run recorded, checked against this run's plan. */
function recordedTrials(ctx: Context, plan: readonly PlannedTrial[]): TrialRecord[] {
  return plan.flatMap((planned) => {
    const trial = ctx.resumed.get(position(planned));
    if (!trial) return [];
    if (paramsKey(trial.params) !== paramsKey(planned.params) || trial.seed !== planned.seed) {
      throw new InputError(`trials.jsonl: round ${trial.round}, index ${trial.index}: its params and seed differ from the study's plan (was the study's config changed?)`);
    }
    return [trial];
  });
}

function roundEvents(ctx: Context, state: StudyState): Observable<SearchEvent> {
  const plan = planRound(state.ranges, { seed: ctx.seed, round: state.round, count: ctx.trials, tried: state.tried });
  const recorded = recordedTrials(ctx, plan);
  const done = new Set(recorded.map(position));
  const events = concat(
    of<SearchEvent>({ type: 'round-started', round: state.round, ranges: state.ranges, trials: plan.length }),
    from(recorded).pipe(map((trial) => trialEnded(trial, true))),
    from(plan.filter((p) => !done.has(position(p)))).pipe(
      // mergeMap queues the whole plan at once, so the stop is checked as each trial's turn comes.
      mergeMap((planned) => ctx.stopped.pipe(take(1), mergeMap((stopped) => (stopped ? EMPTY : runTrial(ctx, planned)))), ctx.executor.concurrency),
    ),
  );
  return events.pipe(
    connect((shared) => merge(
      shared,
      shared.pipe(
        scan((ended: TrialRecord[], event) => { const t = endedTrial(event); return t ? [...ended, t] : ended; }, []),
        takeLast(1),
        mergeMap((ended) => (ended.length < plan.length ? EMPTY : nextRound(ctx, state, plan, ended))),
      ),
    )),
  );
}

function nextRound(ctx: Context, state: StudyState, plan: PlannedTrial[], ended: TrialRecord[]): Observable<SearchEvent> {
  const records = [...state.records, ...ended.sort(byPosition)];
  const rounds = [...state.rounds, { round: state.round, ranges: state.ranges }];
  if (state.round === ctx.rounds) {
    return of<SearchEvent>({ type: 'study-done', best: bestTrial(records, ctx.direction), trials: records, rounds });
  }
  const ranges = narrow(state.ranges, records.filter(isComplete), ctx.narrowing);
  return concat(
    of<SearchEvent>({ type: 'round-narrowed', round: state.round, ranges }),
    defer(() => roundEvents(ctx, { round: state.round + 1, ranges, tried: [...state.tried, ...plan.map((p) => p.params)], records, rounds })),
  );
}

/**
 * The four-step random search: (0) the ranges of `space`; (1) a round of `trials` samples;
 * (2) each runs the objective (at most `executor.concurrency` at once) and is scored;
 * (3) the ranges narrow around the best trials, and the next round samples from them.
 * A trial that throws, gives a non-finite score or runs past `trialTimeout` is recorded as
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
  const ctx: Context = {
    rounds: options.rounds,
    trials: options.trials,
    seed: options.seed,
    direction,
    study: options.study ?? 'study',
    task: options.task ?? null,
    // Whether a stop came, replayed to each trial as its turn comes, across rounds.
    stopped: concat(of(false), (options.stop ?? NEVER).pipe(take(1), map(() => true))).pipe(shareReplay({ bufferSize: 1, refCount: false })),
    executor: typeof objective === 'function' ? inProcessExecutor(objective) : objective,
    narrowing: { ...options.narrowing, direction },
    trialTimeout: options.trialTimeout,
    resumed: new Map((options.resumed ?? []).map((t) => [position(t), t])),
  };
  return defer(() => roundEvents(ctx, { round: 1, ranges: space, tried: [], records: [], rounds: [] }));
}
