import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { removeLeftovers } from './write-atomic.ts';

/** Text gathered before each write: large enough for few system calls, small beside any table. */
export const chunkChars = 1 << 20;

/**
 * Writes `lines` (each ended by a newline) through a temporary file and a rename, taking them
 * one at a time and writing every `chunk` characters, so an output larger than a string can
 * hold is written in bounded memory. If `lines` throws, nothing is left at `path`.
 *
 * @example
 * writeLinesAtomic('out.csv', (function* () { yield 'a,b'; yield '1,2'; })()); // "a,b\n1,2\n"
 */
export function writeLinesAtomic(path: string, lines: Iterable<string>, chunk = chunkChars): void {
  removeLeftovers(dirname(path), basename(path));
  const temporary = `${path}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w');
    let pending = '';
    for (const line of lines) {
      pending += `${line}\n`;
      if (pending.length >= chunk) {
        writeSync(fd, pending);
        pending = '';
      }
    }
    writeSync(fd, pending);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    // Named by the file the user asked for, not the temporary one.
    throw Object.assign(error as Error, { path });
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
  }
}
