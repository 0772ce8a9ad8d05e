/**
 * Bad input or bad usage: a file that does not parse, a flag out of range, an unknown
 * name. The message is one line naming the problem and where (file, row, field); the
 * command line prints it and exits with code 2.
 *
 * @example
 * throw new InputError(`data.csv, line 7, column "x2": "abc" is not a number`);
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
