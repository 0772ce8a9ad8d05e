import { sampleRankCorrelation } from 'simple-statistics';
import type { Json } from '../search/space.ts';

/** One hyperparameter's association with the score, in [0, 1], and how it was measured. */
export interface Importance {
  parameter: string;
  importance: number;
  measure: 'spearman' | 'eta';
  /** The complete trials that set it. */
  trials: number;
}

/** The correlation ratio η: the share of the score's spread that the groups explain, square-rooted (Pearson 1903). */
function eta(groups: readonly number[][]): number {
  const all = groups.flat();
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const total = all.reduce((a, x) => a + (x - mean) ** 2, 0);
  const between = groups.reduce((a, g) => a + g.length * (g.reduce((s, x) => s + x, 0) / g.length - mean) ** 2, 0);
  return total > 0 ? Math.sqrt(between / total) : 0;
}

/**
 * How strongly each hyperparameter goes with the score among complete trials: |Spearman's ρ|
 * for numbers (so a log scale changes nothing), the correlation ratio η for other values
 * (one group per value). A quick, model-free reading for a live page, not fANOVA; a
 * hyperparameter set by fewer than three trials, or with one value only, is left out.
 *
 * @example
 * importance([{ params: { lr: 0.1 }, score: 0.9 }, { params: { lr: 0.01 }, score: 0.8 }, { params: { lr: 0.001 }, score: 0.7 }]);
 * // [{ parameter: 'lr', importance: 1, measure: 'spearman', trials: 3 }]
 */
export function importance(trials: readonly { params: { readonly [name: string]: Json }; score: number }[]): Importance[] {
  const names = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  return names.flatMap((parameter): Importance[] => {
    const set = trials.filter((t) => Object.hasOwn(t.params, parameter));
    const values = set.map((t) => t.params[parameter]!);
    if (set.length < 3 || new Set(values.map((v) => JSON.stringify(v))).size < 2) return [];
    const scores = set.map((t) => t.score);
    if (values.every((v) => typeof v === 'number')) {
      const rho = sampleRankCorrelation(values as number[], scores);
      return [{ parameter, importance: Number.isFinite(rho) ? Math.abs(rho) : 0, measure: 'spearman', trials: set.length }];
    }
    const groups = new Map<string, number[]>();
    set.forEach((t, i) => {
      const key = JSON.stringify(values[i]);
      groups.set(key, [...(groups.get(key) ?? []), t.score]);
    });
    return [{ parameter, importance: eta([...groups.values()]), measure: 'eta', trials: set.length }];
  }).sort((a, b) => b.importance - a.importance);
}
