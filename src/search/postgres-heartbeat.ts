import type PgBoss from 'pg-boss';
import { z } from 'zod';

/** Seconds between a worker's heartbeats while it runs a trial. */
export const beatSeconds = 2;

/** Seconds without a heartbeat after which a trial's worker is taken for dead (default of `--heartbeat-grace`). */
export const defaultHeartbeatGrace = 20;

async function rows(boss: PgBoss, text: string, values: unknown[] = []): Promise<unknown[]> {
  return (await boss.getDb().executeSql(text, values)).rows;
}

// One statement list, one implicit transaction. The advisory lock is the studies table's (see
// postgres-studies.ts): with a lock of its own, two processes creating the schema at once deadlocked.
const createTable = `
  SELECT pg_advisory_xact_lock(hashtext('skewtune.studies'));
  CREATE SCHEMA IF NOT EXISTS skewtune;
  CREATE TABLE IF NOT EXISTS skewtune.heartbeats (
    job_id uuid PRIMARY KEY,
    worker text NOT NULL,
    beat_on timestamptz NOT NULL DEFAULT now()
  );
`;

/** Creates the table of heartbeats if it is missing. */
export async function createHeartbeatTable(boss: PgBoss): Promise<void> {
  await rows(boss, createTable);
}

/**
 * Beats for a job every `beatSeconds` while its trial runs: the coordinator hands the trial to
 * another worker when the beats stop (see `silentTrials`). Returns the function that stops it.
 * A beat that fails (the database is away for a moment) is told to `warn` and tried again next
 * time. `first` settles once the first beat is recorded (or failed), so the worker's name is in
 * the database before the trial starts.
 *
 * @example
 * const beats = heartbeat(queue.boss, job.id, 'host/4242', console.error); await beats.first; … beats.stop();
 */
export function heartbeat(boss: PgBoss, jobId: string, worker: string, warn: (text: string) => void): { first: Promise<void>; stop(): void } {
  const beat = () => rows(boss,
    'INSERT INTO skewtune.heartbeats (job_id, worker, beat_on) VALUES ($1, $2, now()) ON CONFLICT (job_id) DO UPDATE SET worker = EXCLUDED.worker, beat_on = now()',
    [jobId, worker]).catch((error: unknown) => warn(`heartbeat of job ${jobId}: ${error instanceof Error ? error.message : String(error)}`));
  const first = beat().then(() => {});
  const timer = setInterval(() => void beat(), beatSeconds * 1000);
  return { first, stop: () => clearInterval(timer) };
}

/** A trial whose worker stopped beating. */
export interface SilentTrial {
  id: string;
  round: number;
  index: number;
  worker: string;
  /** Seconds since its last heartbeat (or since it was taken, when none came). */
  silent: number;
}

const silentRow = z.object({ id: z.string(), round: z.coerce.number(), index: z.coerce.number(), worker: z.string(), silent: z.coerce.number() });

/**
 * The active jobs of `queue` among `ids` whose worker has not beaten for `graceSeconds`: counted
 * from its last heartbeat, or from when it took the job if it never beat (it died at once).
 *
 * @example
 * const silent = await silentTrials(queue.boss, queue.name, ids, 20);
 */
export async function silentTrials(boss: PgBoss, queue: string, ids: readonly string[], graceSeconds: number): Promise<SilentTrial[]> {
  if (ids.length === 0) return [];
  const found = await rows(boss, `
    SELECT j.id::text AS id, j.data->>'round' AS round, j.data->>'index' AS index, coalesce(h.worker, 'unknown') AS worker,
           extract(epoch FROM now() - greatest(j.started_on, h.beat_on)) AS silent
    FROM pgboss.job j LEFT JOIN skewtune.heartbeats h ON h.job_id = j.id
    WHERE j.name = $1 AND j.id = ANY($2::uuid[]) AND j.state = 'active'
      AND greatest(j.started_on, h.beat_on) < now() - make_interval(secs => $3)`, [queue, ids, graceSeconds]);
  return found.map((row) => silentRow.parse(row));
}

/**
 * Hands a silent trial to another worker: its job fails with the reason (pg-boss then offers it
 * again, within its retries), whatever its expiry says.
 *
 * @example
 * await handOver(queue.boss, queue.name, trial, 20);
 */
export async function handOver(boss: PgBoss, queue: string, trial: SilentTrial, graceSeconds: number): Promise<void> {
  await boss.fail(queue, trial.id, { message: `worker ${trial.worker} stopped beating for ${trial.silent.toFixed(0)} s (grace ${graceSeconds} s); handed to another worker` });
}
