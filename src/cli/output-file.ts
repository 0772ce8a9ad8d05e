import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.ts';

/**
 * Refuses, before any work, a file to write (`--output`, `--save`) that names a directory or
 * lies in a directory that does not exist: renamed over a directory, the finished file failed
 * with "EBUSY … rename" (exit 1) after the work was done.
 *
 * @example
 * checkOutputFile('.', '--output', 'out.csv'); // throws "--output .: is a directory; give a file name such as out.csv"
 */
export function checkOutputFile(path: string, flag: string, example: string): void {
  if (/[/\\]$/.test(path) || (existsSync(path) && statSync(path).isDirectory())) {
    throw new InputError(`${flag} ${path}: is a directory; give a file name such as ${example}`);
  }
  const directory = dirname(resolve(path));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new InputError(`${flag} ${path}: the directory ${directory} does not exist`);
  }
}
