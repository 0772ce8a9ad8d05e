import { InputError } from '../errors.ts';

/**
 * The share of a `--budget` in which the search dispatches trials; the final training gets the
 * rest (and stops when the whole budget is spent), so `--budget 5m` is a study of about five
 * minutes, not five minutes of trials and then as long again retraining the winner. Half:
 * on 60,000 Fashion-MNIST images the retraining of a chosen 512-256 network for 20 epochs took
 * about as long as the trials before it.
 */
export const searchShare = 0.5;

/**
 * The share of the time left after the trials that the honesty check (the recheck) may take under a budget: it stops
 * between epochs once that has passed, so it always runs, and the final networks keep most of what is left.
 */
export const recheckShare = 0.3;

/**
 * Seconds before a budget's end at which the final training stops, so that what follows it (the test split, the model
 * file, the report's charts: a second or two) still ends the study within the budget: 3% of it, at least 1.5 s and twice
 * the seconds the data took to load (a loaded machine is slower at both), at most 30 s.
 *
 * @example
 * reportReserve(600, 0.4); // 18
 */
export const reportReserve = (budget: number, loadSeconds: number): number => Math.min(30, Math.max(1.5, 0.03 * budget, 2 * loadSeconds));

const units = { s: 1, m: 60, h: 3600 } as const;
/** Node's timers fire at once past 2³¹ − 1 ms (about 596 hours). */
const longest = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Seconds of a duration as `--budget` takes it: a positive number and a unit, `s`, `m` or `h`,
 * at most about 596 hours (the longest a timer waits).
 *
 * @example
 * budgetSeconds('30m', '--budget'); // 1800
 */
export function budgetSeconds(text: string, where: string): number {
  const match = /^(\d+(?:\.\d+)?)([smh])$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * units[match[2] as keyof typeof units] : NaN;
  if (!(seconds > 0)) throw new InputError(`${where}: expected a duration such as 45s, 30m or 2h, but got "${text}"`);
  if (seconds > longest) throw new InputError(`${where}: must be at most ${longest} s (about 596 hours), but got "${text}"`);
  return seconds;
}
