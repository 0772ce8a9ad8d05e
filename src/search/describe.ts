import { isLog, type Hyperparameter, type Json } from './space.ts';

/** A number short enough for a progress line or a table: 4 significant digits. */
export const short = (x: number): string => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString());

const value = (v: Json): string => (typeof v === 'number' ? short(v) : JSON.stringify(v));

/**
 * A range as people read it: `1e-4..0.03 (log)`, `[64] | [128, 64]`.
 *
 * @example
 * describeRange({ kind: 'loguniform', low: 1e-4, high: 0.1 }); // "0.0001..0.1 (log)"
 */
export function describeRange(hp: Hyperparameter): string {
  if (hp.kind === 'choice') return hp.values.map(value).join(' | ');
  const log = isLog(hp) ? ' (log)' : '';
  return `${short(hp.low)}..${short(hp.high)}${hp.kind === 'int' ? ' int' : ''}${log}`;
}

/** Parameters as `name=value` pairs on one line. */
export const describeParams = (params: { readonly [name: string]: Json }): string =>
  Object.entries(params).map(([name, v]) => `${name}=${value(v)}`).join(' ');
