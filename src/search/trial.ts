import type { Direction } from './narrowing.ts';
import type { Step } from './objective.ts';
import type { PlannedTrial } from './sampling.ts';
import type { Params } from './space.ts';

/**
 * A finished trial, as one line of `trials.jsonl`. It ends in exactly one state:
 * `complete`, with `score` the best step's score (for the MLP: the best validation epoch)
 * and `last` the last step's; or `failed`, with the reason in `error` and no score.
 */
export interface TrialRecord {
  round: number;
  index: number;
  seed: number;
  params: Params;
  status: 'complete' | 'failed';
  score: number | null;
  last: number | null;
  history: Step[];
  seconds: number;
  error?: string;
}

/** A complete trial, whose score is a number. */
export type CompleteTrial = TrialRecord & { status: 'complete'; score: number; last: number };

export const isComplete = (trial: TrialRecord): trial is CompleteTrial => trial.status === 'complete';

const roundSeconds = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Ends a trial from its steps: complete when it gave at least one step and every score is a
 * finite number, failed otherwise.
 *
 * @example
 * endTrial(planned, [{ score: 0.8 }, { score: 0.9 }, { score: 0.85 }], 'maximize', 3.2).score; // 0.9
 */
export function endTrial(planned: PlannedTrial, history: Step[], direction: Direction, seconds: number): TrialRecord {
  const bad = history.findIndex((step) => !Number.isFinite(step.score));
  if (history.length === 0) return failTrial(planned, history, 'the objective gave no score', seconds);
  if (bad >= 0) return failTrial(planned, history, `score ${history[bad]!.score} at step ${bad + 1} is not a finite number`, seconds);
  const scores = history.map((step) => step.score);
  const score = direction === 'maximize' ? Math.max(...scores) : Math.min(...scores);
  return { ...planned, status: 'complete', score, last: scores.at(-1)!, history, seconds: roundSeconds(seconds) };
}

/** Ends a trial as failed, with its reason and the steps it gave before failing. */
export function failTrial(planned: PlannedTrial, history: Step[], reason: string, seconds: number): TrialRecord {
  return { ...planned, status: 'failed', score: null, last: null, history, seconds: roundSeconds(seconds), error: reason };
}

/**
 * The best complete trial, ties going to the earliest (round, index); failed trials never
 * count. `undefined` when no trial completed.
 */
export function bestTrial(trials: readonly TrialRecord[], direction: Direction): CompleteTrial | undefined {
  const sign = direction === 'maximize' ? 1 : -1;
  return trials.filter(isComplete).reduce<CompleteTrial | undefined>((best, t) => {
    if (!best) return t;
    const better = sign * (t.score - best.score);
    return better > 0 || (better === 0 && (t.round - best.round || t.index - best.index) < 0) ? t : best;
  }, undefined);
}

/** Trials in study order: by round, then index. */
export const byPosition = (a: TrialRecord, b: TrialRecord): number => a.round - b.round || a.index - b.index;
