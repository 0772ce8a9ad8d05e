// SMOTE on the kinds of columns a table has (Chawla et al. 2002, §6.1–6.2, as imbalanced-learn):
// plain SMOTE on numeric data; SMOTE-NC on mixed data, its distance with a penalty per differing
// category and each category of a new row the most frequent among the seed's k neighbours;
// SMOTE-N on all-categorical data, its distance the value difference metric and every category
// the most frequent among the seed and its k neighbours.

import { InputError, takeRows, type Dataset, type Rng } from '../src/plugin.ts';
import { levelCodes, numericColumns } from './categorical-columns.ts';
import { categoricalPenalty, penalisedPoints } from './categorical-penalty.ts';
import { mostFrequent } from './category-vote.ts';
import { neighbourIndex, type NeighbourIndex } from './neighbours.ts';
import type { Provenance } from './resampled.ts';
import { nearestBy, valueDifference } from './value-difference.ts';

/** Which SMOTE to run: the one that suits the data's columns, or SMOTE-NC or SMOTE-N by name. */
export type SmoteVariant = 'auto' | 'smote-nc' | 'smote-n';

/** The neighbour searches of one growing class, under the variant's distance. */
export interface ClassNeighbours {
  /** The k nearest same-class rows of each class row: positions in the class's rows, row i's at [i·k, i·k + k). */
  within(k: number): Int32Array;
  /** The k nearest rows of the whole data of each class row: row indices, row i's at [i·k, i·k + k). */
  among(k: number): Int32Array;
}

/** What a variant does for the data it was resolved on. */
export interface ResolvedVariant {
  /** Categorical groups whose level each synthetic row records (0: none, rows are pure interpolation). */
  groups: number;
  neighbours(rows: readonly number[]): ClassNeighbours;
  /**
   * Fills plan rows from `start` for the seeds `picks` (positions in `rows`), each with its `k`
   * neighbours `near` (positions in `rows`); returns the next free plan row.
   */
  fill(plan: Provenance, start: number, rows: readonly number[], picks: ArrayLike<number>, near: Int32Array, k: number, rng: Rng): number;
}

type Kind = 'numeric' | 'mixed' | 'nominal';

function kindOf(name: string, variant: SmoteVariant, data: Dataset): Kind {
  const groups = data.categorical?.length ?? 0;
  const numeric = numericColumns(data);
  if (variant === 'auto') return groups === 0 ? 'numeric' : numeric.length > 0 ? 'mixed' : 'nominal';
  if (groups === 0) throw new InputError(`${name}: the data has no categorical column; ${name} needs some (smote suits all-numeric data)`);
  if (variant === 'smote-nc' && numeric.length === 0) {
    throw new InputError(`${name}: every column is categorical, but SMOTE-NC needs a numeric one; use smote-n`);
  }
  if (variant === 'smote-n' && numeric.length > 0) {
    const column = data.featureNames[numeric[0]!] ?? numeric[0];
    throw new InputError(`${name}: column "${column}" is numeric, but SMOTE-N needs every column categorical; use smote-nc`);
  }
  return variant === 'smote-nc' ? 'mixed' : 'nominal';
}

/**
 * Resolves `variant` on `data`: its neighbour searches and how it fills synthetic rows.
 * A variant named on data of the wrong kind of columns is an InputError.
 *
 * @example
 * const v = resolveVariant('smote', 'auto', data); // SMOTE-NC when data has numeric and categorical columns
 */
export function resolveVariant(name: string, variant: SmoteVariant, data: Dataset): ResolvedVariant {
  const kind = kindOf(name, variant, data);
  return kind === 'numeric' ? numericVariant(data) : kind === 'mixed' ? mixedVariant(data) : nominalVariant(data);
}

function numericVariant(data: Dataset): ResolvedVariant {
  let everyone: NeighbourIndex | undefined;
  return {
    groups: 0,
    neighbours: (rows) => ({
      within: (k) => neighbourIndex(takeRows(data.x, rows)).nearest(k),
      among: (k) => (everyone ??= neighbourIndex(data.x)).nearest(k, rows),
    }),
    fill: interpolate,
  };
}

function mixedVariant(data: Dataset): ResolvedVariant {
  const groups = data.categorical!;
  const G = groups.length;
  const codes = levelCodes(data);
  return {
    groups: G,
    neighbours(rows) {
      const penalty = categoricalPenalty(data, rows);
      return {
        within: (k) => neighbourIndex(penalisedPoints(data, penalty, rows)).nearest(k),
        among: (k) => neighbourIndex(penalisedPoints(data, penalty)).nearest(k, rows),
      };
    },
    fill(plan, start, rows, picks, near, k, rng) {
      const end = interpolate(plan, start, rows, picks, near, k, rng);
      // imbalanced-learn's SMOTENC breaks a tie among the most frequent at random.
      const tie = (tied: readonly number[]) => tied[rng.int(tied.length)]!;
      for (let r = start; r < end; r++) {
        const i = picks[r - start]!;
        const voters = Array.from(near.subarray(i * k, i * k + k), (p) => rows[p]!);
        groups.forEach((g, h) => {
          plan.categories![r * G + h] = mostFrequent(codes, G, h, g.levels.length, voters, tie);
        });
      }
      return end;
    },
  };
}

function nominalVariant(data: Dataset): ResolvedVariant {
  const groups = data.categorical!;
  const G = groups.length;
  const codes = levelCodes(data);
  const distance = valueDifference(data, codes);
  const everyone = Array.from({ length: data.y.length }, (_, i) => i);
  // imbalanced-learn's SMOTEN takes scipy's mode over the seed and its k neighbours: ties to the lowest level.
  const tie = (tied: readonly number[]) => tied[0]!;
  return {
    groups: G,
    neighbours: (rows) => ({
      within: (k) => nearestBy(distance, rows, rows, k),
      among: (k) => nearestBy(distance, everyone, rows, k),
    }),
    fill(plan, start, rows, picks, near, k) {
      for (let s = 0; s < picks.length; s++) {
        const i = picks[s]!;
        const r = start + s;
        plan.parent[r] = rows[i]!;
        const voters = [rows[i]!, ...Array.from(near.subarray(i * k, i * k + k), (p) => rows[p]!)];
        groups.forEach((g, h) => {
          plan.categories![r * G + h] = mostFrequent(codes, G, h, g.levels.length, voters, tie);
        });
      }
      return start + picks.length;
    },
  };
}

/**
 * Fills plan rows from `start` on: for each pick i (a position in `rows`), a random one of
 * its `k` neighbours (positions in `rows`, k per pick's row) and u ~ U(0, 1). Returns the
 * next free plan row.
 *
 * @example
 * next = interpolate(plan, next, classRows, picks, neighbourIndex(points).nearest(k), k, rng);
 */
export function interpolate(
  plan: Provenance, start: number, rows: readonly number[], picks: ArrayLike<number>,
  neighbours: Int32Array, k: number, rng: Rng,
): number {
  let r = start;
  for (let s = 0; s < picks.length; s++, r++) {
    const i = picks[s]!;
    plan.parent[r] = rows[i]!;
    plan.neighbour[r] = rows[neighbours[i * k + rng.int(k)]!]!;
    plan.factor[r] = rng.uniform();
  }
  return r;
}
