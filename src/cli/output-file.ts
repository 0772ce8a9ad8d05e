import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../errors.ts';

/** The longest file name written: most file systems allow 255 bytes, and `.PID.tmp` takes up to 16 of them. */
const maxNameBytes = 239;

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
  // Written as NAME.PID.tmp first: a name near the file system's 255 bytes failed only at the save, after the work.
  const name = Buffer.byteLength(basename(path));
  if (name > maxNameBytes) throw new InputError(`${flag} ${path}: the file name is ${name} bytes long; at most ${maxNameBytes} (255, less the temporary file's suffix)`);
  const directory = dirname(resolve(path));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new InputError(`${flag} ${path}: the directory ${directory} does not exist`);
  }
}
