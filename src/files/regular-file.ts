import type { Stats } from 'node:fs';
import { InputError } from '../errors.ts';

const guess = (stat: Stats) => (stat.isDirectory() ? 'a directory?' : 'a FIFO or a device?');

/**
 * Refuses a path that is not a regular file before it is read: a FIFO or a device would block the
 * read forever (or never end, as /dev/zero). The message is `PATH: not a regular file (MAYBE)NEED`,
 * where MAYBE guesses what the path is (by default from `stat`) and NEED says what was wanted.
 *
 * @example
 * checkRegularFile('/dev/zero', statSync('/dev/zero'), '; a CSV file is needed');
 * // throws InputError: /dev/zero: not a regular file (a FIFO or a device?); a CSV file is needed
 */
export function checkRegularFile(path: string, stat: Stats, need: string, maybe = guess(stat)): void {
  if (!stat.isFile()) throw new InputError(`${path}: not a regular file (${maybe})${need}`);
}
