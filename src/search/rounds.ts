import { EMPTY, concat, connect, defer, filter, from, map, merge, mergeMap, of, reduce, take, type Observable, type SchedulerLike } from 'rxjs';
import { InputError } from '../errors.ts';
import { bestScore, type Direction } from './direction.ts';
import { trialEnded, type RoundRanges, type SearchEvent } from './events.ts';
import type { Pruner, RungScore } from './pruner.ts';
import type { Sampler } from './samplers/sampler.ts';
import { paramsKey, type PlannedTrial } from './sampling.ts';
import { runSegment, type Flow, type Running, type SegmentContext } from './segment.ts';
import type { Space } from './space.ts';
import { byPosition, endTrial, isEnded, type TrialRecord } from './trial.ts';

/** Whether trials may still be dispatched: `stop` (Ctrl-C: the study can resume) or `budget` (the time is spent: the study ends). */
export type Dispatch = 'go' | 'stop' | 'budget';

/** The search's settings and wiring, fixed for a study. */
export interface Context extends SegmentContext {
  rounds: number;
  trials: number;
  seed: number;
  dispatch: Observable<Dispatch>;
  /** The study's space as given. */
  space: Space;
  sampler: Sampler;
  /** Records an earlier run journalled, by position: ended ones are told, paused ones go on from their rung. */
  resumed: ReadonlyMap<string, TrialRecord>;
  pruner: Pruner | undefined;
  /** The checkpoint a paused record stopped with, when it can be found. */
  checkpointOf: (trial: TrialRecord) => string | undefined;
  /** Where each round after the first starts. */
  scheduler: SchedulerLike;
}

/** Where the study stands when a round begins. */
export interface StudyState {
  round: number;
  /** The ranges the round before sampled from (the space for round 1). */
  ranges: Space;
  records: TrialRecord[];
  rounds: RoundRanges[];
}

/** What comes after a round: given its ended trials, and whether the budget ended it. */
export type AfterRound = (ended: TrialRecord[], budget: boolean) => Observable<SearchEvent>;

export const position = (t: { round: number; index: number }) => `${t.round}/${t.index}`;

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

/** A trial's score at a rung of `epochs`: its best over those epochs; `undefined` if it did not reach the rung with finite scores. */
function scoreAt(history: readonly { score: number }[], epochs: number, direction: Direction): number | undefined {
  const scores = history.slice(0, epochs).map((s) => s.score);
  if (scores.length < epochs || !scores.every(Number.isFinite)) return undefined;
  return bestScore(direction, scores);
}

function rungScores(trials: readonly { round: number; index: number; history: readonly { score: number }[] }[], epochs: number, direction: Direction): RungScore[] {
  return trials.flatMap((t) => {
    const score = scoreAt(t.history, epochs, direction);
    return score === undefined ? [] : [{ round: t.round, index: t.index, score }];
  });
}

/**
 * One rung of a round: every trial still in it trains to the rung's epochs (those already
 * there, from the journal, wait), then the pruner judges each against the round's trials at
 * the rung and earlier rounds' at the same epoch. Those it keeps go on to the next rung.
 */
function rungEvents(ctx: Context, state: StudyState, rung: number, alive: Running[], ended: TrialRecord[], then: AfterRound): Observable<SearchEvent> {
  const rungs = ctx.pruner?.rungs;
  const epochs = rungs?.[rung];
  const last = rungs === undefined || rung === rungs.length - 1;
  const prunedAt = (t: Running): TrialRecord => ({ ...endTrial(t.planned, t.history, ctx.direction, t.seconds, 'pruned'), epochs: t.history.length, trained: t.trained });
  const due = alive.filter((t) => epochs === undefined || t.history.length < epochs);
  const flows = from(due).pipe(
    // mergeMap queues the whole rung at once, so whether to dispatch is asked as each trial's turn comes.
    mergeMap((t) => ctx.dispatch.pipe(take(1), mergeMap((go) => (go === 'go' ? runSegment(ctx, t, epochs, last) : EMPTY))), ctx.executor.concurrency),
  );
  type Outcome = { reached: Running[]; ended: TrialRecord[] };
  const settle = ({ reached, ended: now }: Outcome): Observable<SearchEvent> => {
    const records = [...ended, ...now];
    // Every trial of the round still in it, as it stands now: at this rung, or where it stopped before.
    const moved = new Map(reached.map((t) => [position(t.planned), t]));
    const gone = new Set(now.map(position));
    const standing = alive.filter((t) => !gone.has(position(t.planned))).map((t) => moved.get(position(t.planned)) ?? t).sort((a, b) => byPosition(a.planned, b.planned));
    if (reached.length + now.length < due.length) {
      return ctx.dispatch.pipe(take(1), mergeMap((go) => {
        if (go !== 'budget') return EMPTY;
        // The budget is spent: trials that trained some epochs and wait (at this rung or the one before) end pruned there.
        const stopped = standing.filter((t) => t.history.length > 0).map(prunedAt);
        return concat(from(stopped).pipe(map((t) => trialEnded(t, false))), defer(() => then([...records, ...stopped], true)));
      }));
    }
    if (last || epochs === undefined) return then(records, false);
    const here: { round: number; index: number; history: readonly { score: number }[] }[] = [...standing.map((t) => ({ ...t.planned, history: t.history })), ...records];
    const cohort = rungScores(here, epochs, ctx.direction);
    const earlier = rungScores(state.records, epochs, ctx.direction);
    const verdicts = standing.map((t) => {
      const own = cohort.find((c) => c.round === t.planned.round && c.index === t.planned.index)!;
      return { t, prune: ctx.pruner!.prune(own, { cohort: cohort.filter((c) => c !== own), earlier, direction: ctx.direction }) };
    });
    const pruned = verdicts.filter((v) => v.prune).map((v) => prunedAt(v.t));
    const kept = verdicts.filter((v) => !v.prune).map((v) => v.t);
    return concat(
      from(pruned).pipe(map((t) => trialEnded(t, false))),
      defer(() => rungEvents(ctx, state, rung + 1, kept, [...records, ...pruned], then)),
    );
  };
  return flows.pipe(connect((shared) => merge(
    shared.pipe(filter((f): f is { event: SearchEvent } => 'event' in f), map((f) => f.event)),
    shared.pipe(
      reduce<Flow, Outcome>((o, f) => ('reached' in f ? { ...o, reached: [...o.reached, f.reached] } : 'ended' in f ? { ...o, ended: [...o.ended, f.ended] } : o), { reached: [], ended: [] }),
      mergeMap(settle),
    ),
  )));
}

/**
 * A round: the sampler's plan (steps 3 and 1), the trials the journal already ended told as
 * they were, the rest run rung by rung (step 2), then `then` with the round's ranges (and the
 * sampler's explanation of them) and every ended trial of the round.
 */
export function roundEvents(ctx: Context, state: StudyState, then: (planned: RoundRanges) => AfterRound): Observable<SearchEvent> {
  const { ranges, trials: plan, explanation } = ctx.sampler.plan({
    space: ctx.space, ranges: state.ranges, round: state.round, count: ctx.trials, seed: ctx.seed, direction: ctx.direction, history: state.records,
  });
  const recorded = recordedTrials(ctx, plan);
  const ended = recorded.filter(isEnded);
  const paused = new Map(recorded.filter((t) => !isEnded(t)).map((t) => [position(t), t]));
  const done = new Set(ended.map(position));
  const alive = plan.filter((p) => !done.has(position(p))).map((planned): Running => {
    const was = paused.get(position(planned));
    return was
      ? { planned, history: was.history, checkpoint: ctx.checkpointOf(was), seconds: was.seconds, trained: was.trained ?? [] }
      : { planned, history: [], checkpoint: undefined, seconds: 0, trained: [] };
  });
  return concat(
    state.round === 1 ? EMPTY : of<SearchEvent>({ type: 'round-narrowed', round: state.round - 1, ranges }),
    of<SearchEvent>({ type: 'round-started', round: state.round, ranges, trials: plan.length, ...(explanation !== undefined && { explanation }) }),
    from(ended).pipe(map((trial) => trialEnded(trial, true))),
    defer(() => rungEvents(ctx, state, 0, alive, ended, then({ round: state.round, ranges, ...(explanation !== undefined && { explanation }) }))),
  );
}
