import type { Direction } from './narrowing.ts';

/**
 * The best of `scores` in `direction` (−∞ or +∞ for none), by a loop: spreading a long list
 * into Math.max overflows the call stack.
 *
 * @example
 * bestScore([0.2, 0.9, 0.5], 'maximize'); // 0.9
 */
export function bestScore(scores: readonly number[], direction: Direction): number {
  return direction === 'maximize' ? scores.reduce((a, b) => Math.max(a, b), -Infinity) : scores.reduce((a, b) => Math.min(a, b), Infinity);
}
