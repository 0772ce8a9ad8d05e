import { lastValueFrom, takeWhile, toArray } from 'rxjs';
import { metricRecord } from '../metrics/registry.ts';
import { steps } from '../search/objective.ts';
import type { ScoredTrial } from '../search/trial.ts';
import { patience } from './early-stop.ts';
import { objectiveFor, type MlpTask } from './task.ts';

/** The epoch (from 1) whose score is best, the first among equals. */
function bestAt(scores: readonly number[], maximize: boolean): number {
  let at = 0;
  scores.forEach((s, i) => { if (maximize ? s > scores[at]! : s < scores[at]!) at = i; });
  return at + 1;
}

/**
 * How many epochs a refit trains: the epoch at which the folds' mean validation score peaked.
 * A trial whose scores had settled (`patience` epochs past their best) tells it already; one
 * that a rung or its epochs stopped while still improving is trained again on its folds, each
 * fold until it settles or `epochs` pass (or `until`, a `Date.now()` time, passes), and the mean
 * curve's best epoch is taken.
 *
 * @example
 * const epochs = await foldEpochs(run.task, chosen, 30); // e.g. 14
 */
export async function foldEpochs(task: MlpTask, trial: ScoredTrial, epochs: number, until = Infinity): Promise<number> {
  const maximize = metricRecord(task.metric).direction === 'maximize';
  const known = trial.history.map((s) => s.score);
  const best = bestAt(known, maximize);
  if (known.length - best >= patience) return best;
  const objective = await objectiveFor({ ...task, epochs, patience });
  // A time budget may end the folds' training: the curve then counts only if it went past the trial's own.
  const curve = await lastValueFrom(steps(objective(trial.params, { seed: trial.seed })).pipe(takeWhile(() => Date.now() < until, true), toArray()));
  return curve.length > known.length ? bestAt(curve.map((s) => s.score), maximize) : best;
}
