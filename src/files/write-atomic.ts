import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processAlive } from '../process-alive.ts';

/**
 * Writes a file through a temporary name and a rename, so a reader never sees half of it.
 *
 * @example
 * writeFileAtomic('runs/study/model.json', JSON.stringify(model));
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  removeLeftovers(dirname(path), basename(path));
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    // Named by the file the user asked for, not the temporary one.
    throw Object.assign(error as Error, { path });
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Removes the temporary files (`NAME.PID.tmp`) that a killed run left in `dir`: those of
 * processes no longer running (only those of `name` when given, in a directory the tool does
 * not own). A live writer's file is left to it.
 *
 * @example
 * removeLeftovers('runs/compare'); // deletes README.md.4242.tmp if process 4242 is gone
 */
export function removeLeftovers(dir: string, name?: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const found of names) {
    const pid = /\.(\d+)\.tmp$/.exec(found)?.[1];
    if (pid === undefined || (name !== undefined && found !== `${name}.${pid}.tmp`)) continue;
    if (Number(pid) !== process.pid && !processAlive(Number(pid))) rmSync(join(dir, found), { force: true });
  }
}
