import { from, isObservable, map, of, type Observable } from 'rxjs';
import type { Json, Params } from './space.ts';

/**
 * One intermediate result of a trial (say, an epoch): its score and any other figures,
 * which the journal keeps as the trial's history.
 */
export interface Step {
  readonly score: number;
  readonly [field: string]: Json;
}

/**
 * What a trial may know besides its parameters: its seed, which derives from (study seed,
 * round, index); with a pruner, the epochs to train up to (a rung) and the checkpoint
 * (base64) of where an earlier run of the trial stopped. An objective that can give its
 * state puts it, base64, in a step's `checkpoint` field (at least the last one's), so the
 * trial picks up from there at its next rung rather than training its epochs again.
 */
export interface TrialContext {
  readonly seed: number;
  readonly epochs?: number;
  readonly checkpoint?: string;
}

/**
 * The thing being tuned. It sees the parameters and the trial's seed, never how the
 * parameters were chosen. It returns a score, a promise of one, or an Observable of
 * intermediate scores (numbers or `Step`s) whose best is the trial's score.
 *
 * @example
 * const objective: Objective = (p) => (Number(p.x) - 0.3) ** 2;
 */
export type Objective = (params: Params, context: TrialContext) => number | Promise<number> | Observable<number | Step>;

/** An objective's result as a stream of steps, whatever form it came in. */
export function steps(result: ReturnType<Objective>): Observable<Step> {
  const source: Observable<number | Step> = isObservable(result)
    ? result
    : result instanceof Promise ? from(result) : of(result);
  return source.pipe(map((step) => (typeof step === 'number' ? { score: step } : step)));
}
