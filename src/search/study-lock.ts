import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { processAlive } from '../process-alive.ts';

/** Who holds a study directory: written into its lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
}

const holderSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string() });

/** The lock file of a study directory. */
export const lockFile = (dir: string) => join(dir, 'study.lock');


function readHolder(path: string): LockHolder | undefined {
  try {
    return holderSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    // Torn by a crash between create and write, or not ours: treated as held by nobody alive.
    return undefined;
  }
}

// An empty or torn lock is a crash between its creation and its first write, unless that happened just now.
function unreadableForLong(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > 5_000;
  } catch {
    return true;
  }
}

// The holder is written to a file of this process's own, then linked into place: link fails if the
// lock exists, and a lock that exists always names its holder (another run never reads it empty).
function create(path: string, me: LockHolder): boolean {
  const own = `${path}.${process.pid}.tmp`;
  writeFileSync(own, `${JSON.stringify(me)}\n`);
  try {
    linkSync(own, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(own, { force: true });
  }
}

/**
 * Takes the lock of a study directory for this process, so two runs never write one study
 * (two `--resume` at once once journaled the same trials twice). A lock whose holder is on
 * this host and no longer runs (a crash, a SIGKILL) is stale: it is taken over and `warn` is
 * told. A live holder, or one on another host, is an `InputError` naming it. The lock is
 * released by the function returned, and at the latest when the process exits.
 *
 * @example
 * const release = lockStudy('runs/s1', (text) => process.stderr.write(`${text}\n`));
 */
export function lockStudy(dir: string, warn: (text: string) => void): () => void {
  const path = lockFile(dir);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; !create(path, me); attempt++) {
    const holder = readHolder(path);
    const stale = holder === undefined ? unreadableForLong(path) : holder.host === me.host && !processAlive(holder.pid);
    if (!stale || attempt >= 3) {
      const who = holder ? `process ${holder.pid} on ${holder.host} (since ${holder.since})` : 'another process';
      throw new InputError(`${dir}: the study is in use by ${who}, which holds ${path}; wait for it to end` +
        `${holder && holder.host !== me.host ? ', or remove the lock if that process is gone' : ''}`);
    }
    // Renamed aside rather than deleted, so of two runs taking over at once only one removes it.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    if (readHolder(aside)?.pid !== holder?.pid) {
      // Another run took the stale lock over first and this rename moved its fresh lock: put it back.
      try {
        linkSync(aside, path);
      } catch {
        // A third run holds it now; the loop reads who.
      }
      rmSync(aside, { force: true });
      continue;
    }
    rmSync(aside, { force: true });
    warn(`${dir}: taking over the lock of ${holder ? `process ${holder.pid} on ${holder.host}, which is no longer running` : 'a process that left it unreadable'}`);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readHolder(path)?.pid === me.pid) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return release;
}
