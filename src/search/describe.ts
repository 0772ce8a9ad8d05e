import { shortNumber } from '../text/short-number.js';
import { isLog, type Hyperparameter, type Json } from './space.ts';

const value = (v: Json): string => (typeof v === 'number' ? shortNumber(v) : JSON.stringify(v));

/**
 * A range as people read it: `1e-4..0.03 (log)`, `[64] | [128, 64]`.
 *
 * @example
 * describeRange({ kind: 'loguniform', low: 1e-4, high: 0.1 }); // "0.0001..0.1 (log)"
 */
export function describeRange(hp: Hyperparameter): string {
  if (hp.kind === 'choice') return hp.values.map(value).join(' | ');
  const log = isLog(hp) ? ' (log)' : '';
  return `${shortNumber(hp.low)}..${shortNumber(hp.high)}${hp.kind === 'int' ? ' int' : ''}${log}`;
}

/** Parameters as `name=value` pairs on one line. */
export const describeParams = (params: { readonly [name: string]: Json }): string =>
  Object.entries(params).map(([name, v]) => `${name}=${value(v)}`).join(' ');
