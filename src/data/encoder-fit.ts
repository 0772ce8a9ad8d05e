import { robustFit, quantile } from './robust-scale.ts';
import type { CategoricalColumn, NumericColumn } from './table.ts';

/** How numeric columns are scaled: standardised, robust with smooth clipping (RealMLP), or left raw. */
export type Scaling = 'standard' | 'robust' | 'none';

/** The scaling names, for options and messages. */
export const scalingNames: readonly Scaling[] = ['standard', 'robust', 'none'];

/** A numeric column's encoding: gaps filled with `fill`, an indicator column when training had gaps, then (x − center) · factor. */
export interface NumericEncoding {
  name: string;
  kind: 'numeric';
  fill: number;
  indicator: boolean;
  center: number;
  factor: number;
}

/** A categorical column's encoding: one column per level, `other` taking levels merged or unseen, `missing` taking gaps. */
export interface CategoricalEncoding {
  name: string;
  kind: 'categorical';
  /** The training levels kept, in text order. */
  levels: string[];
  /** The names of the `other` and `missing` levels when the block has them. */
  other: string | null;
  missing: string | null;
  /** What `decode` writes for `other`: the most frequent level merged into it. */
  otherAs: string | null;
}

export type ColumnEncoding = NumericEncoding | CategoricalEncoding;

/**
 * A numeric column's encoding fitted on `rows`, or null when it has no value in them.
 *
 * @example
 * fitNumeric({ name: 'x', kind: 'numeric', values: Float64Array.of(1, NaN, 3) }, [0, 1, 2], 'none');
 * // { name: 'x', kind: 'numeric', fill: 2, indicator: true, center: 0, factor: 1 }
 */
export function fitNumeric(column: NumericColumn, rows: ArrayLike<number>, scaling: Scaling): NumericEncoding | null {
  const present: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]!]!;
    if (!Number.isNaN(v)) present.push(v);
  }
  if (present.length === 0) return null;
  const sortedPresent = Float64Array.from(present).sort();
  const fill = quantile(sortedPresent, 0.5);
  const gaps = rows.length - present.length;
  const base = { name: column.name, kind: 'numeric' as const, fill, indicator: gaps > 0 };
  if (scaling === 'none') return { ...base, center: 0, factor: 1 };
  const filled = new Float64Array(rows.length).fill(fill);
  filled.set(sortedPresent);
  filled.sort();
  if (scaling === 'robust') return { ...base, ...robustFit(filled) };
  let mean = 0;
  for (const v of filled) mean += v;
  mean /= filled.length;
  let squares = 0;
  for (const v of filled) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / filled.length);
  // A constant column maps to 0, not NaN.
  return { ...base, center: mean, factor: sd > 1e-12 ? 1 / sd : 1 };
}

/** A level name not among `taken`: `(other)`, or with more parentheses should a real level be called that. */
function freeName(base: string, taken: ReadonlySet<string>): string {
  let name = `(${base})`;
  while (taken.has(name)) name = `(${name})`;
  return name;
}

/**
 * A categorical column's encoding fitted on `rows`: the levels seen there; past `cap` levels the
 * rarest are merged into `other` (the `cap − 1` most frequent are kept); a `missing` level when
 * rows there had gaps. Null when the column has no value in them. `merged` counts the levels merged.
 *
 * @example
 * fitCategorical(island, trainRows, 32); // { encoding: { levels: ['Biscoe', 'Dream', 'Torgersen'], other: null, missing: null, … }, merged: 0 }
 */
export function fitCategorical(column: CategoricalColumn, rows: ArrayLike<number>, cap: number): { encoding: CategoricalEncoding; merged: number } | null {
  const counts = new Float64Array(column.levels.length);
  let gaps = 0;
  for (let i = 0; i < rows.length; i++) {
    const code = column.codes[rows[i]!]!;
    if (code < 0) gaps++;
    else counts[code]++;
  }
  const seen = [...counts.keys()].filter((c) => counts[c]! > 0);
  if (seen.length === 0) return null;
  const text = (c: number) => column.levels[c]!;
  const byCount = seen.sort((a, b) => counts[b]! - counts[a]! || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
  const over = byCount.length > cap;
  const kept = over ? byCount.slice(0, cap - 1) : byCount;
  const levels = kept.map(text).sort();
  const taken = new Set(levels);
  const encoding: CategoricalEncoding = {
    name: column.name, kind: 'categorical', levels,
    other: over ? freeName('other', taken) : null,
    missing: gaps > 0 ? freeName('missing', taken) : null,
    otherAs: over ? text(byCount[cap - 1]!) : null,
  };
  return { encoding, merged: over ? byCount.length - kept.length : 0 };
}
