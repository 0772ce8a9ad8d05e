// The value difference metric: Stanfill & Waltz (1986), "Toward memory-based reasoning", CACM
// 29(12), as imbalanced-learn's ValueDifferenceMetric (k = 1, r = 2), which its SMOTEN uses:
// δ_g(a, b) = Σ_c |p(c | a_g) − p(c | b_g)| per categorical column g, Δ(a, b) = Σ_g δ_g²,
// p(c | v) the share of class c among all rows holding level v.

import type { Dataset } from '../src/plugin.ts';
import { insert } from './neighbour-scan.ts';

/** A distance between two rows of the data, by index. */
export type RowDistance = (a: number, b: number) => number;

/**
 * The value difference metric of `data`'s categorical groups, from each row's `codes` (as
 * `levelCodes` gives them). A row with no level in a group counts as a level no class holds,
 * as imbalanced-learn's zero-filled probabilities for an unseen level.
 *
 * @example
 * const distance = valueDifference(ds, levelCodes(ds)); distance(0, 3);
 */
export function valueDifference(data: Dataset, codes: Int32Array): RowDistance {
  const groups = data.categorical ?? [];
  const G = groups.length;
  const C = data.classNames.length;
  const tables = groups.map((g, h) => {
    const L = g.levels.length + 1; // the last: no level
    const counts = new Float64Array(L * C);
    data.y.forEach((c, i) => counts[slot(codes[i * G + h]!, L) * C + c]!++);
    const p = new Float64Array(L * C);
    for (let v = 0; v < L - 1; v++) {
      let total = 0;
      for (let c = 0; c < C; c++) total += counts[v * C + c]!;
      for (let c = 0; c < C; c++) p[v * C + c] = total === 0 ? 0 : counts[v * C + c]! / total;
    }
    const squared = new Float64Array(L * L);
    for (let a = 0; a < L; a++) {
      for (let b = 0; b < L; b++) {
        let d = 0;
        for (let c = 0; c < C; c++) d += Math.abs(p[a * C + c]! - p[b * C + c]!);
        squared[a * L + b] = d * d;
      }
    }
    return { L, squared };
  });
  return (a, b) => {
    let s = 0;
    tables.forEach(({ L, squared }, h) => {
      s += squared[slot(codes[a * G + h]!, L) * L + slot(codes[b * G + h]!, L)]!;
    });
    return s;
  };
}

function slot(code: number, L: number): number {
  return code < 0 ? L - 1 : code;
}

/**
 * The k nearest of `candidates` (row indices) to each of `queries` (row indices) under
 * `distance`, by an exhaustive scan: positions in `candidates`, nearest first, ties to the
 * lower position; a row is never its own neighbour. Query r's list is result[r·k … r·k + k).
 *
 * @example
 * nearestBy(distance, classRows, classRows, 5); // each class row's 5 nearest class rows
 */
export function nearestBy(distance: RowDistance, candidates: readonly number[], queries: ArrayLike<number>, k: number): Int32Array {
  const out = new Int32Array(queries.length * k);
  const best = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  for (let r = 0; r < queries.length; r++) {
    const q = queries[r]!;
    best.fill(Infinity);
    candidates.forEach((j, position) => {
      if (j === q) return;
      const d = distance(q, j);
      if (d < best[k - 1]!) insert(best, bestIndex, d, position);
    });
    out.set(bestIndex, r * k);
  }
  return out;
}
