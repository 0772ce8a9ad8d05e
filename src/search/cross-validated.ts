import { map, zip, type Observable } from 'rxjs';
import { steps, type Objective, type Step } from './objective.ts';
import type { Json } from './space.ts';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample standard deviation; 0 for one value. */
function spread(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** The folds' figures of one step merged: numbers averaged, anything else kept from the first fold. */
function merged(fold: readonly Step[]): Step {
  const scores = fold.map((s) => s.score);
  const fields: Record<string, Json> = {};
  for (const key of Object.keys(fold[0]!)) {
    const values = fold.map((s) => s[key]);
    fields[key] = values.every((v): v is number => typeof v === 'number') ? mean(values) : (values[0] ?? null);
  }
  return { ...fields, score: mean(scores), folds: scores, spread: spread(scores) };
}

/**
 * K-fold scoring of any objective: the trial runs once per fold (each fold's objective made
 * by `objectiveFor`), and each step's score is the mean of the folds' scores at that step,
 * with the folds' scores (`folds`) and their standard deviation (`spread`) recorded beside
 * it. Steps pair up by position; a fold that stops early ends the trial's steps there.
 *
 * @example
 * const objective = crossValidated(stratifiedFolds(train, 5, rng), (fold) => mlpObjective(fold, options));
 */
export function crossValidated<F>(folds: readonly F[], objectiveFor: (fold: F) => Objective): Objective {
  if (folds.length === 0) throw new RangeError('cross-validation needs at least one fold');
  const objectives = folds.map(objectiveFor);
  return (params, context) => {
    const runs: Observable<Step>[] = objectives.map((objective) => steps(objective(params, context)));
    return zip(runs).pipe(map(merged));
  };
}
