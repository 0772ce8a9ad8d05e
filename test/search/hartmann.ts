import { lastValueFrom, filter } from 'rxjs';
import type { SearchEvent } from '../../src/search/events.ts';
import { search } from '../../src/search/pipeline.ts';
import type { Sampler } from '../../src/search/samplers/sampler.ts';
import type { Params, Space } from '../../src/search/space.ts';

// The 6-D Hartmann function (Dixon & Szegő 1978), a standard test of global optimisers:
// minimum ≈ −3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573) in [0, 1]^6.
const alpha = [1.0, 1.2, 3.0, 3.2];
const A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((p) => p * 1e-4));

/** Hartmann-6 at x ∈ [0, 1]^6. */
export function hartmann6(x: readonly number[]): number {
  return -alpha.reduce((sum, a, i) => sum + a * Math.exp(-A[i]!.reduce((s, aij, j) => s + aij * (x[j]! - P[i]![j]!) ** 2, 0)), 0);
}

/** The unit hypercube of Hartmann-6 as a search space. */
export const hartmannSpace: Space = Object.fromEntries(
  Array.from({ length: 6 }, (_, i) => [`x${i + 1}`, { kind: 'uniform', low: 0, high: 1 }]),
);

const objective = (p: Params) => hartmann6(Object.keys(hartmannSpace).map((k) => Number(p[k])));

/** The best (lowest) value a search of `rounds` × `trials` evaluations finds (with the default sampler unless given). */
export async function bestFound(rounds: number, trials: number, seed: number, sampler?: Sampler): Promise<number> {
  const done = await lastValueFrom(
    search(hartmannSpace, objective, { rounds, trials, seed, direction: 'minimize', ...(sampler && { sampler }) })
      .pipe(filter((e): e is Extract<SearchEvent, { type: 'study-done' }> => e.type === 'study-done')),
  );
  return done.best!.score;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2; };

/**
 * Median over seeds 0–9 of the best value 100 evaluations (10 rounds × 10) find, for each
 * sampler given by name: issue 11's acceptance 1.
 */
export async function samplerComparison(samplers: Record<string, () => Sampler>, seeds = 10): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [name, make] of Object.entries(samplers)) {
    const best: number[] = [];
    for (let seed = 0; seed < seeds; seed++) best.push(await bestFound(10, 10, seed, make()));
    result[name] = median(best);
  }
  return result;
}

/** Median best value over seeds 1..n with narrowing (4 rounds of 15) and plain random sampling (1 round of 60). */
export async function hartmannComparison(seeds = 10) {
  const narrowing: number[] = [];
  const random: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    narrowing.push(await bestFound(4, 15, seed));
    random.push(await bestFound(1, 60, seed));
  }
  return { narrowing: median(narrowing), random: median(random), evaluations: 60, seeds, optimum: -3.32237 };
}
