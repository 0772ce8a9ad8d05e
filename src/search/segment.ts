import { EMPTY, concat, defer, identity, materialize, mergeMap, of, scan, takeUntil, type Observable, type ObservableNotification } from 'rxjs';
import { trialEnded, type SearchEvent } from './events.ts';
import type { Executor, TrialJob } from './executor.ts';
import type { Direction } from './narrowing.ts';
import type { Step } from './objective.ts';
import type { PlannedTrial } from './sampling.ts';
import type { Json } from './space.ts';
import { endTrial, failTrial, type TrialRecord } from './trial.ts';
import { trialTimeout } from './trial-timeout.ts';

/** A trial of a round on its way through the rungs: the steps it has given and where it stopped. */
export interface Running {
  planned: PlannedTrial;
  history: Step[];
  /** Its state after its last step (base64), when the objective gives one. */
  checkpoint: string | undefined;
  /** Seconds it has run so far, over all its runs. */
  seconds: number;
  /** The epochs each run so far trained, first and last. */
  trained: [number, number][];
}

/** What running a trial to a rung yields: events to tell, and then either the trial at the rung or its end. */
export type Flow = { event: SearchEvent } | { reached: Running } | { ended: TrialRecord };

/** What a segment needs of the search. */
export interface SegmentContext {
  study: string;
  task: Json;
  executor: Executor;
  direction: Direction;
  /** Seconds a run of a trial (to one rung) may take before it is abandoned and recorded as failed. */
  trialTimeout: number | undefined;
  /** Whether a pruner runs the study (records then say how many epochs they trained). */
  pruned: boolean;
}

/**
 * Runs a trial from where it stopped to `epochs` (a rung; `undefined`: as far as the objective
 * goes). Its steps are told as they come; it ends (complete, or failed) at the last rung, when
 * the objective stops short of the rung, or on an error; otherwise it pauses at the rung.
 * An objective that gave no checkpoint starts over, and the steps it repeats are dropped.
 *
 * @example
 * runSegment(ctx, { planned, history: [], checkpoint: undefined, seconds: 0, trained: [] }, 3, false).subscribe(console.log);
 */
export function runSegment(ctx: SegmentContext, trial: Running, epochs: number | undefined, last: boolean): Observable<Flow> {
  return defer(() => {
    const { planned } = trial;
    const job: TrialJob = {
      study: ctx.study, ...planned, task: ctx.task,
      ...(epochs !== undefined && { epochs }), ...(trial.checkpoint !== undefined && { checkpoint: trial.checkpoint }),
    };
    const from = trial.history.length;
    const skip = trial.checkpoint === undefined ? from : 0;
    const started = performance.now();
    const seconds = () => trial.seconds + (performance.now() - started) / 1000;
    const timeout = ctx.trialTimeout === undefined ? identity : takeUntil<Step>(trialTimeout(ctx.trialTimeout));
    const withEpochs = (record: TrialRecord): TrialRecord => {
      if (!ctx.pruned) return record;
      const count = record.history.length;
      // An objective that started over trained the known epochs again: the record says so.
      const trained: [number, number][] = count > from ? [...trial.trained, [skip > 0 ? 1 : from + 1, count]] : trial.trained;
      return { ...record, epochs: count, trained };
    };
    type Acc = { history: Step[]; checkpoint: string | undefined; given: number; out: Flow[] };
    const step = (acc: Acc, n: ObservableNotification<Step>): Acc => {
      if (n.kind === 'N') {
        const { checkpoint, ...rest } = n.value;
        const given = acc.given + 1;
        if (given <= skip) return { ...acc, given, out: [] };
        const saved = typeof checkpoint === 'string' ? checkpoint : acc.checkpoint;
        const value = rest as Step;
        return { history: [...acc.history, value], checkpoint: saved, given, out: [{ event: { type: 'trial-epoch', round: job.round, index: job.index, step: value } }] };
      }
      if (n.kind === 'E') {
        const failed = withEpochs(failTrial(planned, acc.history, n.error instanceof Error ? n.error.message : String(n.error), seconds()));
        return { ...acc, out: [{ event: trialEnded(failed, false) }, { ended: failed }] };
      }
      const ends = last || epochs === undefined || acc.history.length < epochs;
      const record = withEpochs(endTrial(planned, acc.history, ctx.direction, seconds(), ends ? 'complete' : 'paused'));
      if (record.status !== 'paused') return { ...acc, out: [{ event: trialEnded(record, false) }, { ended: record }] };
      const paused: SearchEvent = { type: 'trial-paused', trial: record, ...(acc.checkpoint !== undefined && { checkpoint: acc.checkpoint }) };
      return { ...acc, out: [{ event: paused }, { reached: { planned, history: acc.history, checkpoint: acc.checkpoint, seconds: seconds(), trained: record.trained ?? [] } }] };
    };
    return concat(
      from === 0 ? of<Flow>({ event: { type: 'trial-started', job } }) : EMPTY,
      ctx.executor.run(job).pipe(
        timeout, materialize(),
        scan(step, { history: trial.history, checkpoint: undefined, given: 0, out: [] }),
        mergeMap((acc) => acc.out),
      ),
    );
  });
}
