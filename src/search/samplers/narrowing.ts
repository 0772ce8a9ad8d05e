import { narrowDefaults, narrowExplained, type NarrowOptions } from '../narrowing.ts';
import { planRound } from '../sampling.ts';
import { isComplete } from '../trial.ts';
import type { Sampler } from './sampler.ts';

/** The narrowing sampler's options: `narrow`'s, without the direction and the original space (the study gives them). */
export type NarrowingSamplerOptions = Omit<NarrowOptions, 'direction' | 'original'>;

/**
 * The lecture's four-step random search: round 1 samples the whole space; each later round
 * samples at random inside ranges narrowed around the best complete trials so far, weighing
 * the evidence (see `narrow`); its explanation says, per hyperparameter and value, why.
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
      const tried = input.history.map((t) => t.params);
      if (input.round === 1) return { ranges: input.space, trials: planRound(input.space, { seed: input.seed, round: 1, count: input.count, tried }) };
      const { ranges, notes } = narrowExplained(input.ranges, input.history.filter(isComplete), { ...settings, direction: input.direction, original: input.space });
      return {
        ranges,
        trials: planRound(ranges, { seed: input.seed, round: input.round, count: input.count, tried }),
        explanation: JSON.parse(JSON.stringify(notes)),
      };
    },
  };
}
