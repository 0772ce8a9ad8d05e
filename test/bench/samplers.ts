// The samplers side by side on Hartmann-6 (minimised, optimum -3.322): median best of 100
// evaluations (10 rounds × 10) over seeds 0–9, through search(), with the planning time.
// Alone: npx tsx test/bench/samplers.ts (one JSON object a line).
import { pathToFileURL } from 'node:url';
import { defaultSamplerName, samplers } from '../../src/search/samplers/registry.ts';
import { samplerComparison } from '../search/hartmann.ts';

/** The rows `npm run bench` prints for the samplers. */
export async function samplerBenchmarks(): Promise<object[]> {
  const seconds: Record<string, number> = {};
  const median: Record<string, number> = {};
  for (const [name, make] of Object.entries(samplers)) {
    const started = performance.now();
    Object.assign(median, await samplerComparison({ [name]: make }));
    seconds[name] = (performance.now() - started) / 1000;
  }
  return [{
    name: 'samplers-hartmann6', evaluations: 100, rounds: 10, trials: 10, seeds: '0-9', optimum: -3.32237,
    default: defaultSamplerName, medianBest: median, seconds,
  }];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await samplerBenchmarks()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
