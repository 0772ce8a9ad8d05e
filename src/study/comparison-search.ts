import { filter, lastValueFrom } from 'rxjs';
import { resolveStrategy } from '../../strategies/registry.ts';
import type { Dataset } from '../data/dataset.ts';
import { stepBudgeted } from '../nn/budget.ts';
import { train, type TrainConfig } from '../nn/trainer.ts';
import { mlpObjective } from './objective.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import { search } from '../search/pipeline.ts';
import type { Params, Space } from '../search/space.ts';

/**
 * The space of each strategy's own short search: the steps and the regularisation, which a
 * strategy that resamples or reweights shifts the most. Batch size stays fixed, so a step
 * budget means the same updates in every trial.
 */
export const comparisonSpace: Space = {
  lr: { kind: 'loguniform', low: 1e-4, high: 1e-1 },
  l2: { kind: 'loguniform', low: 1e-8, high: 1e-2 },
  dropout: { kind: 'uniform', low: 0, high: 0.5 },
};

/** How each strategy's search ran: its trials, rounds, and the validation metric it steered by. */
export interface ComparisonSearch {
  /** Trials in all (`rounds` × `perRound`). */
  trials: number;
  rounds: number;
  perRound: number;
  metric: 'macroF1';
  space: Space;
}

/** Trials of each strategy's search when `compare --search` gives no `--budget`. */
export const defaultComparisonTrials = 8;

/**
 * Settings for a search of `trials` trials per strategy: two rounds (one narrowing) when there
 * are at least four trials, else one.
 *
 * @example
 * comparisonSearch(8); // { trials: 8, rounds: 2, perRound: 4, metric: 'macroF1', space: comparisonSpace }
 */
export function comparisonSearch(trials: number): ComparisonSearch {
  const rounds = trials >= 4 ? 2 : 1;
  const perRound = Math.ceil(trials / rounds);
  return { trials: rounds * perRound, rounds, perRound, metric: 'macroF1', space: comparisonSpace };
}

/**
 * One strategy's own short search (the lecture's four steps, on the validation split): the
 * configuration it found and that configuration's validation score. Trials train as the
 * comparison's runs do: the strategy around the trainer, under the same step budget.
 *
 * @example
 * const { config } = await searchStrategy('smote', splits, defaultTrainConfig, comparisonSearch(8), 1, 65);
 */
export async function searchStrategy(
  spec: string, data: { train: Dataset; validation: Dataset }, base: TrainConfig, settings: ComparisonSearch, seed: number, steps: number | null,
): Promise<{ config: TrainConfig; params: Params; score: number }> {
  const trainer = resolveStrategy(spec)(steps === null ? train : stepBudgeted(train, steps));
  const objective = mlpObjective(data, { epochs: base.epochs, metric: settings.metric, base, train: trainer });
  const done = await lastValueFrom(search(settings.space, objective, { rounds: settings.rounds, trials: settings.perRound, seed }).pipe(
    filter((e) => e.type === 'study-done'),
  ));
  if (done.type !== 'study-done' || !done.best) throw new Error(`${spec}: no trial of its search completed`);
  return { config: trainConfigOf(done.best.params, base), params: done.best.params, score: done.best.score };
}
