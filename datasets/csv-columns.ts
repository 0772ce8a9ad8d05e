import { growable } from '../src/data/growable.ts';
import { maxDistinctLevels } from '../src/data/table.ts';
import { InputError } from '../src/index.ts';
import { cellNumber } from './csv-cells.ts';

/**
 * How one column is read: its type decided by its cells (`infer`), or fixed by an override or
 * a training file's schema; `text` keeps every cell as written (no missing marker, no bound on
 * distinct values: identifying columns copied to an output); `skip` reads nothing.
 */
export type ColumnMode = 'infer' | 'numeric' | 'categorical' | 'text' | 'skip';

/** What reading a column gave; `text-lost` means it turned categorical after its texts were let go. */
export type ColumnResult =
  | { kind: 'numeric'; values: Float64Array; present: number }
  | { kind: 'categorical'; codes: Int32Array; levels: string[]; present: number }
  | { kind: 'text-lost' }
  | { kind: 'skip' };

/** Where a column is, for messages; `numericWhy` says why a column is numeric when it was told to be. */
export interface ColumnPlace {
  path: string;
  name: string;
  numericWhy?: string;
}

// An inferred column keeps its texts (codes) too, until it has this many distinct ones: past that,
// a column that still turns out categorical is read again as text (see readTable).
const textKept = 1000;

function dictionary() {
  const index = new Map<string, number>();
  const levels: string[] = [];
  return {
    levels,
    code(cell: string): number {
      let code = index.get(cell);
      if (code === undefined) {
        code = levels.length;
        index.set(cell, code);
        levels.push(cell);
      }
      return code;
    },
  };
}

function textColumn() {
  const dict = dictionary();
  const codes = growable(Int32Array);
  return {
    add: (cell: string, _row: number) => codes.push(dict.code(cell)),
    result: (): ColumnResult => ({ kind: 'categorical', codes: codes.finish(), levels: dict.levels, present: codes.length }),
  };
}

function tooMany(place: ColumnPlace): InputError {
  return new InputError(`${place.path}, column "${place.name}": over ${maxDistinctLevels.toLocaleString('en-US')} distinct values; ` +
    `a categorical column may have at most ${maxDistinctLevels.toLocaleString('en-US')} (name it with --numeric if it holds numbers)`);
}

/**
 * A builder for one column, fed cell by cell (`row` counts data rows from 1, for messages).
 *
 * @example
 * const b = columnBuilder('infer', { path, name: 'x' }, (c) => c === '');
 * b.add('1.5', 1); b.add('', 2);
 * b.result(); // { kind: 'numeric', values: Float64Array [1.5, NaN], present: 1 }
 */
export function columnBuilder(mode: ColumnMode, place: ColumnPlace, isMissing: (cell: string) => boolean) {
  if (mode === 'skip') return { add: (_cell: string, _row: number) => {}, result: (): ColumnResult => ({ kind: 'skip' }) };
  if (mode === 'text') return textColumn();
  let numeric = mode !== 'categorical';
  let values: ReturnType<typeof growable<Float64Array>> | null = numeric ? growable(Float64Array) : null;
  let codes: ReturnType<typeof growable<Int32Array>> | null = mode === 'numeric' ? null : growable(Int32Array);
  let dict: ReturnType<typeof dictionary> | null = mode === 'numeric' ? null : dictionary();
  let present = 0;
  let lost = false;
  const text = (cell: string) => {
    codes!.push(dict!.code(cell));
    if (dict!.levels.length > maxDistinctLevels) throw tooMany(place);
  };
  return {
    add(cell: string, row: number): void {
      if (lost) return;
      if (isMissing(cell)) {
        values?.push(NaN);
        codes?.push(-1);
        return;
      }
      present++;
      if (!numeric) return text(cell);
      const value = cellNumber(cell);
      if (typeof value === 'number') {
        values!.push(value);
        if (dict) {
          text(cell);
          if (mode === 'infer' && dict.levels.length > textKept) [dict, codes] = [null, null];
        }
        return;
      }
      if (mode === 'numeric') {
        throw new InputError(`${place.path}, data row ${row}, column "${place.name}": ${JSON.stringify(cell)} ${value}${place.numericWhy ?? ''}`);
      }
      numeric = false;
      values = null;
      if (dict) text(cell);
      else lost = true;
    },
    result(): ColumnResult {
      if (lost) return { kind: 'text-lost' };
      if (numeric) return { kind: 'numeric', values: values!.finish(), present };
      return { kind: 'categorical', codes: codes!.finish(), levels: dict!.levels, present };
    },
  };
}
