import type { Direction } from './narrowing.ts';
import type { Step } from './objective.ts';
import type { PlannedTrial } from './sampling.ts';
import type { Params } from './space.ts';
import { bestScore, compareScores } from './direction.ts';

/**
 * A trial, as one line of `trials.jsonl`. It ends in exactly one state: `complete`, with
 * `score` the best step's score (for the MLP: the best validation epoch) and `last` the last
 * step's; `pruned`, scored the same way over the `epochs` it trained before a pruner (or the
 * budget) stopped it; or `failed`, with the reason in `error` and no score. Under a pruner a
 * trial is also `paused` at each rung it reaches (not an end: it waits for the pruner's
 * decision), and `trained` lists the epochs each run of it trained, first and last: runs that
 * never overlap show that no epoch was trained twice.
 */
export interface TrialRecord {
  round: number;
  index: number;
  seed: number;
  params: Params;
  status: 'complete' | 'failed' | 'pruned' | 'paused';
  score: number | null;
  last: number | null;
  history: Step[];
  seconds: number;
  /** Epochs (steps) it trained in all, when a pruner runs the study. */
  epochs?: number;
  /** The epochs each run of it trained, first and last (a trial going on from a rung trains only the epochs after it). */
  trained?: [number, number][];
  error?: string;
}

/** A complete trial, whose score is a number. */
export type CompleteTrial = TrialRecord & { status: 'complete'; score: number; last: number };

/** A trial with a score: complete, or pruned after some epochs. */
export type ScoredTrial = TrialRecord & { status: 'complete' | 'pruned'; score: number; last: number };

export const isComplete = (trial: TrialRecord): trial is CompleteTrial => trial.status === 'complete';
export const isScored = (trial: TrialRecord): trial is ScoredTrial => trial.status === 'complete' || trial.status === 'pruned';
/** Whether a record ends its trial (every state but `paused`). */
export const isEnded = (trial: TrialRecord): boolean => trial.status !== 'paused';

const roundSeconds = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Ends a trial from its steps: complete when it gave at least one step and every score is a
 * finite number, failed otherwise.
 *
 * @example
 * endTrial(planned, [{ score: 0.8 }, { score: 0.9 }, { score: 0.85 }], 'maximize', 3.2).score; // 0.9
 */
export function endTrial(planned: PlannedTrial, history: Step[], direction: Direction, seconds: number, status: 'complete' | 'pruned' | 'paused' = 'complete'): TrialRecord {
  const bad = history.findIndex((step) => !Number.isFinite(step.score));
  if (history.length === 0) return failTrial(planned, history, 'the objective gave no score', seconds);
  if (bad >= 0) return failTrial(planned, history, `score ${history[bad]!.score} at step ${bad + 1} is not a finite number`, seconds);
  const scores = history.map((step) => step.score);
  const score = bestScore(direction, scores);
  return { ...planned, status, score, last: scores.at(-1)!, history, seconds: roundSeconds(seconds) };
}

/** Ends a trial as failed, with its reason and the steps it gave before failing. */
export function failTrial(planned: PlannedTrial, history: Step[], reason: string, seconds: number): TrialRecord {
  return { ...planned, status: 'failed', score: null, last: null, history, seconds: roundSeconds(seconds), error: reason };
}

/**
 * The scored trials, best first: complete trials by score, then pruned ones, those that
 * trained more epochs first (so a pruned trial never ranks above one that trained further),
 * each by score; ties to the earliest (round, index). Failed trials never count.
 *
 * @example
 * rankTrials(trials, 'maximize')[0]; // the best trial of those that trained longest
 */
export function rankTrials(trials: readonly TrialRecord[], direction: Direction): ScoredTrial[] {
  const order = compareScores(direction);
  const depth = (t: ScoredTrial) => (t.status === 'complete' ? Infinity : t.history.length);
  return trials.filter(isScored).sort((a, b) => (depth(b) === depth(a) ? 0 : depth(b) - depth(a)) || order(a.score, b.score) || byPosition(a, b));
}

/** The first of `rankTrials`; `undefined` when no trial has a score. */
export const bestTrial = (trials: readonly TrialRecord[], direction: Direction): ScoredTrial | undefined => rankTrials(trials, direction)[0];

/** Trials in study order: by round, then index. */
export const byPosition = (a: { round: number; index: number }, b: { round: number; index: number }): number => a.round - b.round || a.index - b.index;
