import { planRound } from '../sampling.ts';
import type { Sampler } from './sampler.ts';

/**
 * Plain random search (Bergstra & Bengio 2012): every round samples the whole space, whatever
 * the history says (configurations already tried are redrawn, as `planRound` does). The
 * baseline the other samplers must beat.
 *
 * @example
 * search(space, objective, { rounds: 1, trials: 100, seed: 1, sampler: randomSampler() });
 */
export function randomSampler(): Sampler {
  return {
    name: 'random',
    options: {},
    plan: (input) => ({
      ranges: input.space,
      trials: planRound(input.space, { seed: input.seed, round: input.round, count: input.count, tried: input.history.map((t) => t.params) }),
    }),
  };
}
