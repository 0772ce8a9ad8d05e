import type { TrialJob } from './executor.ts';
import type { Step } from './objective.ts';
import type { Json, Space } from './space.ts';
import type { ScoredTrial, TrialRecord } from './trial.ts';

/** The ranges one round sampled from, and the sampler's account of them (narrowing: why each range is what it is). */
export interface RoundRanges {
  round: number;
  ranges: Space;
  explanation?: Json;
}

/**
 * What a search tells, down one stream, in order: each round starts with its ranges; each
 * trial starts, reports its steps, and then either finishes, is pruned or fails (`resumed` when
 * it came from the journal of an earlier run rather than running now); under a pruner a trial
 * pauses at each rung it reaches (with its checkpoint, base64, when the objective gave one)
 * until the pruner decides; between rounds the ranges narrow; the study ends with the best
 * trial, every record, and whether the `budget` ended it. The journal, the progress display
 * and the report each subscribe to it.
 *
 * @example
 * search(space, objective, options).subscribe((e) => e.type === 'study-done' && console.log(e.best?.score));
 */
export type SearchEvent =
  | { type: 'round-started'; round: number; ranges: Space; trials: number; explanation?: Json }
  | { type: 'trial-started'; job: TrialJob }
  | { type: 'trial-epoch'; round: number; index: number; step: Step }
  | { type: 'trial-finished'; trial: TrialRecord; resumed: boolean }
  | { type: 'trial-failed'; trial: TrialRecord; resumed: boolean }
  | { type: 'trial-pruned'; trial: TrialRecord; resumed: boolean }
  | { type: 'trial-paused'; trial: TrialRecord; checkpoint?: string }
  | { type: 'round-narrowed'; round: number; ranges: Space }
  | { type: 'study-done'; best: ScoredTrial | undefined; trials: TrialRecord[]; rounds: RoundRanges[]; budget: boolean };

/** The event that ends a trial, as the record's status says. */
export const trialEnded = (trial: TrialRecord, resumed: boolean): SearchEvent =>
  trial.status === 'complete' ? { type: 'trial-finished', trial, resumed }
    : trial.status === 'pruned' ? { type: 'trial-pruned', trial, resumed }
      : { type: 'trial-failed', trial, resumed };

/** The record of a trial-ending event, if it is one. */
export const endedTrial = (event: SearchEvent): TrialRecord | undefined =>
  event.type === 'trial-finished' || event.type === 'trial-failed' || event.type === 'trial-pruned' ? event.trial : undefined;
