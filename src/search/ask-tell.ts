import type { RoundRanges } from './events.ts';
import type { Direction } from './narrowing.ts';
import type { Step } from './objective.ts';
import { narrowingSampler } from './samplers/narrowing.ts';
import type { Sampler } from './samplers/sampler.ts';
import type { PlannedTrial } from './sampling.ts';
import type { Space } from './space.ts';
import { bestTrial, byPosition, endTrial, failTrial, type ScoredTrial, type TrialRecord } from './trial.ts';

/** How an `askTell` study runs: rounds, trials per round, seed, direction and sampler. */
export interface AskTellOptions {
  rounds: number;
  trials: number;
  seed: number;
  /** Which way scores are better (default 'maximize'). */
  direction?: Direction;
  /** Default: `narrowingSampler()`. */
  sampler?: Sampler;
}

/** A study driven by its caller: ask for a trial, run it however you like, tell its result. */
export interface AskTell {
  /** The next trial to run; `undefined` when the study is done, or when the round's trials are all out and some are not yet told. */
  ask(): PlannedTrial | undefined;
  /** Ends an asked trial: a score, the steps it gave (its best counts), or the error it failed with. */
  tell(trial: PlannedTrial, result: number | readonly Step[] | Error): TrialRecord;
  /** Whether every round has been planned, asked and told. */
  readonly done: boolean;
  /** Every told trial, in (round, index) order. */
  readonly trials: readonly TrialRecord[];
  /** The ranges of each round planned so far, with the sampler's explanation of them. */
  readonly rounds: readonly RoundRanges[];
  /** The best complete trial so far. */
  best(): ScoredTrial | undefined;
}

/**
 * The search as ask and tell (Optuna's `study.ask()` / `study.tell()`), for a library user
 * who runs trials in their own loop. Rounds are planned whole by the sampler, as `search`
 * plans them, so a study gives the same trials whichever order they are told in.
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
  const sampler = options.sampler ?? narrowingSampler();
  const told: TrialRecord[] = [];
  const rounds: RoundRanges[] = [];
  let queue: PlannedTrial[] = [];
  const out = new Map<string, number>();
  const key = (t: PlannedTrial) => `${t.round}/${t.index}`;

  const planNext = () => {
    const round = rounds.length + 1;
    const plan = sampler.plan({ space, ranges: rounds.at(-1)?.ranges ?? space, round, count: options.trials, seed: options.seed, direction, history: [...told] });
    rounds.push({ round, ranges: plan.ranges, ...(plan.explanation !== undefined && { explanation: plan.explanation }) });
    queue = plan.trials;
  };

  const study: AskTell = {
    ask() {
      if (queue.length === 0 && out.size === 0 && rounds.length < options.rounds) planNext();
      const next = queue.shift();
      if (next) out.set(key(next), performance.now());
      return next;
    },
    tell(trial, result) {
      const started = out.get(key(trial));
      if (started === undefined) throw new RangeError(`tell: trial ${key(trial)} was not asked, or was told already`);
      out.delete(key(trial));
      const seconds = (performance.now() - started) / 1000;
      const record = result instanceof Error
        ? failTrial(trial, [], result.message, seconds)
        : endTrial(trial, typeof result === 'number' ? [{ score: result }] : [...result], direction, seconds);
      told.push(record);
      told.sort(byPosition);
      return record;
    },
    get done() { return rounds.length === options.rounds && queue.length === 0 && out.size === 0; },
    get trials() { return told; },
    get rounds() { return rounds; },
    best: () => bestTrial(told, direction),
  };
  return study;
}
