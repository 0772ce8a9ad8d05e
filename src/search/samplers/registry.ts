import { InputError } from '../../errors.ts';
import { narrowingSampler } from './narrowing.ts';
import { randomSampler } from './random.ts';
import type { Sampler } from './sampler.ts';
import { tpeSampler } from './tpe.ts';

/**
 * Every sampler by name, each built with its defaults. The CLI's `--sampler`, the config
 * file and the contract suite (test/search/samplers.test.ts) read names from here, so a new
 * entry is all a new sampler needs.
 */
export const samplers = {
  narrowing: () => narrowingSampler(),
  random: () => randomSampler(),
  tpe: () => tpeSampler(),
} as const satisfies Record<string, () => Sampler>;

/** A registered sampler's name. */
export type SamplerName = keyof typeof samplers;

/** The registered names, in the registry's order (what an unknown name's error lists). */
export const samplerNames = Object.keys(samplers) as SamplerName[];

/** Whether `name` is registered. */
export const isSamplerName = (name: string): name is SamplerName => Object.hasOwn(samplers, name);

/** The default sampler: the lecture's narrowing random search. */
export const defaultSamplerName: SamplerName = 'narrowing';

/**
 * The sampler registered under `name`; an unknown name is an `InputError` listing the registry.
 *
 * @example
 * samplerNamed('random').name; // 'random'
 */
export function samplerNamed(name: string, where = '--sampler'): Sampler {
  if (!isSamplerName(name)) throw new InputError(`${where}: unknown sampler ${JSON.stringify(name)}; the samplers are ${samplerNames.join(', ')}`);
  return samplers[name]();
}
