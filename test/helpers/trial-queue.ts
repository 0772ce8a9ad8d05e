import pg from 'pg';
import { trialQueueName } from '../../src/search/postgres-queue.ts';

// Two handles on a distributed search's database for tests that must catch a trial mid-run on any
// machine: trials of a few hundred rows train in milliseconds, faster than a test can see a
// worker's "started" line and signal it, so the test holds the trial instead.

/** A lock on the table of studies, held until `release`. */
export interface StudiesLock {
  release(): Promise<void>;
}

/**
 * Locks the table of studies. A worker reads a trial's study (to check the job against it) after
 * it logs the trial as started and before it trains it: every trial started while the lock is
 * held waits there, so a signal sent on its "started" line lands mid-trial. Take it once the
 * coordinator has registered its study (which writes to that table); workers may start while it
 * is held (opening the queue does not read it).
 *
 * @example
 * const lock = await lockStudies(db.url); … worker.signal('SIGKILL'); await lock.release();
 */
export async function lockStudies(url: string): Promise<StudiesLock> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE skewtune.studies IN ACCESS EXCLUSIVE MODE');
  } catch (error) {
    await client.end();
    throw error;
  }
  return {
    async release() {
      try {
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    },
  };
}

/** Resolves once the queue holds `count` trial jobs that no worker has taken yet (a coordinator published them). */
export async function published(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const waiting = async () => {
      // The first coordinator on a fresh database creates pg-boss's tables.
      if ((await client.query<{ table: string | null }>("SELECT to_regclass('pgboss.job')::text AS table")).rows[0]!.table === null) return 0;
      return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = $2', [trialQueueName, 'created'])).rows[0]!.n;
    };
    while (await waiting() < count) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    await client.end();
  }
}
