import { narrowingSampler } from '../search/samplers/narrowing.ts';
import { samplerNamed } from '../search/samplers/registry.ts';
import type { Sampler } from '../search/samplers/sampler.ts';
import type { Json } from '../search/space.ts';
import type { SearchSettings } from './settings.ts';

/**
 * The sampler a study's settings name, the narrowing one with the study's own narrowing
 * options; `study.json` records its name and options, and the report reads them from there.
 *
 * @example
 * studySampler(settings).name; // 'narrowing'
 */
export function studySampler(settings: Pick<SearchSettings, 'sampler' | 'narrowing'>): Sampler {
  return settings.sampler === 'narrowing' ? narrowingSampler(settings.narrowing) : samplerNamed(settings.sampler);
}

/**
 * The sampler as `study.json` records it: its name and every option. A study made before
 * samplers were recorded was planned by the narrowing sampler its settings describe.
 *
 * @example
 * samplerRecord(settings); // { name: 'narrowing', options: { top: 0.5, minTop: 2, … } }
 */
export function samplerRecord(settings: Pick<SearchSettings, 'sampler' | 'narrowing'>): { name: string; options: Json } {
  const sampler = studySampler(settings);
  return { name: sampler.name, options: sampler.options };
}
