import { removeLeftovers } from '../report/write.ts';
import { lockStudy } from '../search/study-lock.ts';
import { makeDirectory } from '../make-directory.ts';

/**
 * Makes a study directory if need be, takes its lock for this process (see `lockStudy`), and
 * removes the temporary files that killed runs left there. `warn` hears of a stale lock taken over.
 *
 * @example
 * openStudyDirectory('runs/s1', (text) => process.stderr.write(`${text}\n`));
 */
export function openStudyDirectory(dir: string, warn: (text: string) => void): void {
  makeDirectory(dir);
  lockStudy(dir, warn);
  removeLeftovers(dir);
}
