import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes a directory and any missing parents, as `mkdirSync(dir, { recursive: true })` does, but
 * fails where that loops: Node 20's recursive mkdir retries forever when a parent exists and
 * mkdir still answers ENOENT (`--out /proc/x` hung at full CPU). Errors are the system's own
 * (ENOENT, ENOTDIR, EACCES…), with their path, for the error line to name.
 *
 * @example
 * makeDirectory('runs/study/checkpoints');
 */
export function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir || exists(parent)) throw error;
    makeDirectory(parent);
    mkdirSync(dir);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
