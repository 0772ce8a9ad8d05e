import { Observable, queueScheduler, type Subscriber } from 'rxjs';
import { endedTrial, type RoundRanges, type SearchEvent } from './events.ts';
import type { Executor, TrialJob } from './executor.ts';
import type { Step } from './objective.ts';
import { search, type SearchOptions } from './pipeline.ts';
import type { PlannedTrial } from './sampling.ts';
import type { Space } from './space.ts';
import { bestTrial, byPosition, type ScoredTrial, type TrialRecord } from './trial.ts';

/** The search's options that make sense when the caller runs the trials (see `SearchOptions`). */
export type AskTellOptions = Pick<SearchOptions, 'rounds' | 'trials' | 'seed' | 'direction' | 'sampler' | 'pruner' | 'resumed' | 'budget' | 'checkpointOf'>;

/** A trial to run: where it stands and its parameters; under a pruner, the epochs to train up to and the checkpoint to go on from. */
export interface AskedTrial extends PlannedTrial {
  epochs?: number;
  checkpoint?: string;
}

/** A study driven by its caller: ask for a trial, run it however you like, tell its result. */
export interface AskTell {
  /** The next trial to run; `undefined` when the study is done, or when every trial of the rung or round is out and some are not yet told. */
  ask(): AskedTrial | undefined;
  /**
   * Ends an asked run of a trial: a score, the steps it gave (its best counts; under a pruner,
   * the steps of this run, a `checkpoint` field on the last to go on from), or the error it failed
   * with. Gives the trial's record as the tell leaves it (paused at a rung, pruned, complete or failed).
   */
  tell(trial: PlannedTrial, result: number | readonly Step[] | Error): TrialRecord;
  /** Whether the study has ended. */
  readonly done: boolean;
  /** Every ended trial, in (round, index) order. */
  readonly trials: readonly TrialRecord[];
  /** The ranges of each round planned so far, with the sampler's explanation of them. */
  readonly rounds: readonly RoundRanges[];
  /** The best scored trial so far (see `rankTrials`). */
  best(): ScoredTrial | undefined;
}

const key = (t: { round: number; index: number }) => `${t.round}/${t.index}`;

/**
 * The search as ask and tell (Optuna's `study.ask()` / `study.tell()`), for a library user
 * who runs trials in their own loop. It is `search` itself, whose trials reach the caller
 * rather than an executor: rounds are planned whole by the sampler, a pruner judges each
 * rung once all its trials are told, a budget stops the asking, resumed trials are not asked
 * again. So a study gives the same trials, pruned set and scores as `search` on the same
 * seed, whichever order they are told in.
 *
 * @example
 * const study = askTell({ x: { kind: 'uniform', low: -1, high: 1 } }, { rounds: 5, trials: 4, seed: 1, direction: 'minimize' });
 * for (let t = study.ask(); t; t = study.ask()) study.tell(t, (Number(t.params.x) - 0.3) ** 2);
 * study.best()?.params.x; // close to 0.3
 */
export function askTell(space: Space, options: AskTellOptions): AskTell {
  for (const name of ['rounds', 'trials'] as const) {
    if (!(Number.isInteger(options[name]) && options[name] >= 1)) throw new RangeError(`askTell: ${name} must be an integer >= 1, but got ${options[name]}`);
  }
  const direction = options.direction ?? 'maximize';
  const waiting: { job: TrialJob; subscriber: Subscriber<Step> }[] = [];
  const out = new Map<string, Subscriber<Step>>();
  const ended = new Map<string, TrialRecord>();
  const rounds: RoundRanges[] = [];
  const latest = new Map<string, TrialRecord>();
  let finished = false;
  let failure: unknown;
  // The caller is the executor: a run waits in line until asked, and ends when told.
  const caller: Executor = {
    concurrency: options.trials,
    run: (job) => new Observable<Step>((subscriber) => {
      const entry = { job, subscriber };
      waiting.push(entry);
      return () => {
        const at = waiting.indexOf(entry);
        if (at >= 0) waiting.splice(at, 1);
        out.delete(key(job));
      };
    }),
    close: async () => {},
  };
  const hear = (event: SearchEvent) => {
    const record = endedTrial(event) ?? (event.type === 'trial-paused' ? event.trial : undefined);
    if (record) latest.set(key(record), record);
    if (record && record.status !== 'paused') ended.set(key(record), record);
    if (event.type === 'round-started') rounds.push({ round: event.round, ranges: event.ranges, ...(event.explanation !== undefined && { explanation: event.explanation }) });
    if (event.type === 'study-done') finished = true;
  };
  search(space, caller, { ...options, scheduler: queueScheduler }).subscribe({
    next: hear,
    error: (error: unknown) => { failure = error; },
    complete: () => { finished = true; },
  });
  const check = () => {
    if (failure !== undefined) throw failure;
  };
  return {
    ask() {
      check();
      const next = waiting.shift();
      if (!next) return undefined;
      out.set(key(next.job), next.subscriber);
      const { round, index, seed, params, epochs, checkpoint } = next.job;
      return { round, index, seed, params, ...(epochs !== undefined && { epochs }), ...(checkpoint !== undefined && { checkpoint }) };
    },
    tell(trial, result) {
      check();
      const subscriber = out.get(key(trial));
      if (!subscriber) throw new RangeError(`tell: trial ${key(trial)} was not asked, or was told already`);
      out.delete(key(trial));
      latest.delete(key(trial));
      if (result instanceof Error) subscriber.error(result);
      else {
        for (const step of typeof result === 'number' ? [{ score: result }] : result) subscriber.next(step);
        subscriber.complete();
      }
      check();
      const record = latest.get(key(trial));
      if (!record) throw new Error(`tell: trial ${key(trial)} left no record`);
      return record;
    },
    get done() { return finished; },
    get trials() { return [...ended.values()].sort(byPosition); },
    get rounds() { return rounds; },
    best: () => bestTrial([...ended.values()], direction),
  };
}
