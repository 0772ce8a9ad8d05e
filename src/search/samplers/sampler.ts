import type { Direction } from '../narrowing.ts';
import type { PlannedTrial } from '../sampling.ts';
import type { Json, Space } from '../space.ts';
import type { TrialRecord } from '../trial.ts';

/**
 * What a sampler is told when it plans a round: the study's space, the ranges of the round
 * before (the space itself for round 1), the trials of every earlier round in (round, index)
 * order, and which way scores are better. Never the objective.
 */
export interface RoundInput {
  /** The study's space as given: no plan may leave it. */
  space: Space;
  /** The ranges the round before sampled from (the space for round 1). */
  ranges: Space;
  /** Rounds count from 1. */
  round: number;
  /** Trials to plan. */
  count: number;
  /** The study's seed. */
  seed: number;
  direction: Direction;
  /** Every trial of the earlier rounds, failed ones included, in (round, index) order. */
  history: readonly TrialRecord[];
}

/** A round's plan: the ranges it samples from, its trials, and (optionally) why the ranges are what they are. */
export interface RoundPlan {
  ranges: Space;
  trials: PlannedTrial[];
  /** A sampler's account of how it got from the last round's ranges to these (narrowing explains each hyperparameter). */
  explanation?: Json;
}

/**
 * Plans each round of a search from the space and the study's history, as Optuna's samplers
 * do, never seeing the objective. A plan is a pure function of its input, so a round's trials
 * do not depend on which trial of the round before finished first, nor on the workers.
 *
 * @example
 * const sampler: Sampler = randomSampler();
 * sampler.plan({ space, ranges: space, round: 1, count: 10, seed: 1, direction: 'maximize', history: [] });
 */
export interface Sampler {
  /** Its name in the registry (`--sampler NAME`). */
  readonly name: string;
  /** Its options with every default filled in, as `study.json` records them. */
  readonly options: { readonly [key: string]: Json };
  plan(input: RoundInput): RoundPlan;
}
