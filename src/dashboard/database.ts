import pg from 'pg';
import type { DatabaseAddress } from '../search/postgres-queue.ts';
import { hideSecrets, trialQueueName } from '../search/postgres-queue.ts';
import type { ListRow } from './listing.ts';

// Read-only: the dashboard only SELECTs, and installs nothing (no pg-boss schema, no table),
// so pointing it at a database never changes that database.
const studiesQuery = 'SELECT id, created_on FROM skewtune.studies ORDER BY created_on DESC, id';
const jobsQuery = `SELECT data->>'study' AS study, state::text AS state, count(*)::int AS count FROM pgboss.job WHERE name = $1 GROUP BY 1, 2`;

/** A connection that lists the studies a database records (`skewtune.studies`) with their trial jobs by state. */
export interface DatabaseStudies {
  list(): Promise<ListRow[]>;
  close(): Promise<void>;
}

/**
 * The dashboard's view of a distributed search's database: one list row per recorded study,
 * its trial jobs counted by pg-boss state. A database without those tables lists nothing; one
 * that cannot be reached is one row saying so (never with the password).
 *
 * @example
 * const db = databaseStudies(databaseAddress(url, '--connect'));
 * await db.list(); // [{ id: 'db:s1', kind: 'database', state: 'running', counts: { completed: 12, active: 2 }, … }]
 */
export function databaseStudies(address: DatabaseAddress): DatabaseStudies {
  const pool = new pg.Pool({ connectionString: address.href, max: 2 });
  // An idle client's error (the server restarting) must not end the dashboard.
  pool.on('error', () => undefined);
  const missing = (error: unknown) => (error as { code?: string }).code === '42P01';
  return {
    async list() {
      let studies;
      try {
        studies = (await pool.query<{ id: string; created_on: Date }>(studiesQuery)).rows;
      } catch (error) {
        if (missing(error)) return [];
        const reason = error instanceof Error ? hideSecrets(address, error.message) : 'unreachable';
        return [{ id: address.shown, kind: 'database', state: `unreachable: ${reason}`, best: null, counts: {}, started: null, elapsed: null }];
      }
      let jobs: { study: string | null; state: string; count: number }[] = [];
      try {
        jobs = (await pool.query<{ study: string | null; state: string; count: number }>(jobsQuery, [trialQueueName])).rows;
      } catch (error) {
        if (!missing(error)) throw error;
      }
      return studies.map((s): ListRow => {
        const counts = Object.fromEntries(jobs.filter((j) => j.study === s.id).map((j) => [j.state, j.count]));
        const live = (counts.created ?? 0) + (counts.active ?? 0) + (counts.retry ?? 0) > 0;
        return { id: `db:${s.id}`, kind: 'database', state: live ? 'running' : 'recorded', best: null, counts, started: s.created_on.toISOString(), elapsed: null };
      });
    },
    close: () => pool.end(),
  };
}
