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

// A trial paused at a rung carries one checkpoint per fold, packed into the one base64 string a step holds.
const pack = (checkpoints: readonly string[]) => Buffer.from(JSON.stringify(checkpoints)).toString('base64');
const unpack = (packed: string, folds: number): string[] => {
  const checkpoints: unknown = JSON.parse(Buffer.from(packed, 'base64').toString());
  if (!Array.isArray(checkpoints) || checkpoints.length !== folds || !checkpoints.every((c) => typeof c === 'string')) {
    throw new Error(`a cross-validated checkpoint must hold ${folds} folds' checkpoints`);
  }
  return checkpoints;
};

/** The folds' figures of one step merged: numbers averaged, the folds' checkpoints packed, anything else kept from the first fold. */
function merged(fold: readonly Step[]): Step {
  const scores = fold.map((s) => s.score);
  const fields: Record<string, Json> = {};
  for (const key of Object.keys(fold[0]!)) {
    const values = fold.map((s) => s[key]);
    if (key === 'checkpoint') {
      if (values.every((v): v is string => typeof v === 'string')) fields[key] = pack(values);
      continue;
    }
    fields[key] = values.every((v): v is number => typeof v === 'number') ? mean(values) : (values[0] ?? null);
  }
  return { ...fields, score: mean(scores), folds: scores, spread: spread(scores) };
}

/**
 * K-fold scoring of any objective: the trial runs once per fold (each fold's objective made
 * by `objectiveFor`), and each step's score is the mean of the folds' scores at that step,
 * with the folds' scores (`folds`) and their standard deviation (`spread`) recorded beside
 * it. Steps pair up by position; a fold that stops early ends the trial's steps there. Under a
 * pruner a step's `checkpoint` packs every fold's, and a resumed trial hands each fold its own.
 *
 * @example
 * const objective = crossValidated(stratifiedFolds(train, 5, rng), (fold) => mlpObjective(fold, options));
 */
export function crossValidated<F>(folds: readonly F[], objectiveFor: (fold: F) => Objective): Objective {
  if (folds.length === 0) throw new RangeError('cross-validation needs at least one fold');
  const objectives = folds.map(objectiveFor);
  return (params, context) => {
    const resumed = context.checkpoint === undefined ? undefined : unpack(context.checkpoint, objectives.length);
    const runs: Observable<Step>[] = objectives.map((objective, f) =>
      steps(objective(params, resumed ? { ...context, checkpoint: resumed[f]! } : context)));
    return zip(runs).pipe(map(merged));
  };
}
