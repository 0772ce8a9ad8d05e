/** Which way scores are better: up (accuracy, F1) or down (a loss). */
export type Direction = 'maximize' | 'minimize';

/**
 * Whether score `a` is better than score `b` (strictly: a tie is not better). The one place a
 * direction decides between two scores; NaN is never better nor worse.
 *
 * @example
 * better('minimize', 0.2, 0.3); // true
 */
export const better = (direction: Direction, a: number, b: number): boolean => (direction === 'maximize' ? a > b : a < b);

/**
 * Orders scores best first, for `sort`: negative when `a` is better.
 *
 * @example
 * [0.2, 0.9, 0.5].sort(compareScores('maximize')); // [0.9, 0.5, 0.2]
 */
export const compareScores = (direction: Direction) => (a: number, b: number): number => (direction === 'maximize' ? b - a : a - b);

/**
 * The best of some scores (-Infinity or Infinity, the worst, for none), by a loop: spreading a
 * long list into Math.max overflows the call stack.
 *
 * @example
 * bestScore('minimize', [0.4, 0.2, 0.3]); // 0.2
 */
export const bestScore = (direction: Direction, scores: readonly number[]): number =>
  direction === 'maximize' ? scores.reduce((a, b) => Math.max(a, b), -Infinity) : scores.reduce((a, b) => Math.min(a, b), Infinity);

/**
 * A score every finite score is better than: where a running best starts.
 *
 * @example
 * better('maximize', 0, worstScore('maximize')); // true
 */
export const worstScore = (direction: Direction): number => (direction === 'maximize' ? -Infinity : Infinity);
