import { narrow, narrowDefaults, type NarrowOptions } from '../narrowing.ts';
import { planRound } from '../sampling.ts';
import { isComplete } from '../trial.ts';
import type { Sampler } from './sampler.ts';

/** The narrowing sampler's options: `narrow`'s, without the direction (the study gives it). */
export type NarrowingSamplerOptions = Omit<NarrowOptions, 'direction'>;

/**
 * The lecture's four-step random search: round 1 samples the whole space; each later round
 * samples at random inside ranges narrowed around the best complete trials so far (see `narrow`).
 *
 * @example
 * search(space, objective, { rounds: 4, trials: 20, seed: 1, sampler: narrowingSampler({ top: 0.2 }) });
 */
export function narrowingSampler(options: NarrowingSamplerOptions = {}): Sampler {
  const settings = { ...narrowDefaults, ...options };
  return {
    name: 'narrowing',
    options: settings,
    plan(input) {
      const ranges = input.round === 1
        ? input.space
        : narrow(input.ranges, input.history.filter(isComplete), { ...settings, direction: input.direction });
      return {
        ranges,
        trials: planRound(ranges, { seed: input.seed, round: input.round, count: input.count, tried: input.history.map((t) => t.params) }),
      };
    },
  };
}
