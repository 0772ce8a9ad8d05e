import type { Pool } from 'pg';

// One simple query, so one implicit transaction. The advisory lock is the studies table's (see postgres-studies.ts), as
// the heartbeats' is: every creator of the skewtune schema takes the same one, since two locks deadlocked on the schema.
const tables = `
  SELECT pg_advisory_xact_lock(hashtext('skewtune.studies'));
  CREATE SCHEMA IF NOT EXISTS skewtune;
  CREATE TABLE IF NOT EXISTS skewtune.study_headers (
    name text PRIMARY KEY,
    header json NOT NULL,
    status text NOT NULL DEFAULT 'running',
    created_on timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS skewtune.study_rounds (
    name text NOT NULL REFERENCES skewtune.study_headers ON DELETE CASCADE,
    round integer NOT NULL,
    ranges json NOT NULL,
    PRIMARY KEY (name, round)
  );
  CREATE TABLE IF NOT EXISTS skewtune.study_trials (
    name text NOT NULL REFERENCES skewtune.study_headers ON DELETE CASCADE,
    round integer NOT NULL,
    idx integer NOT NULL,
    record json NOT NULL,
    recorded_on timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, round, idx)
  );
  CREATE TABLE IF NOT EXISTS skewtune.study_rungs (
    name text NOT NULL REFERENCES skewtune.study_headers ON DELETE CASCADE,
    round integer NOT NULL,
    idx integer NOT NULL,
    epochs integer NOT NULL,
    record json NOT NULL,
    checkpoint bytea,
    PRIMARY KEY (name, round, idx, epochs)
  );
  CREATE TABLE IF NOT EXISTS skewtune.study_handovers (
    name text NOT NULL REFERENCES skewtune.study_headers ON DELETE CASCADE,
    seq bigserial,
    handover json NOT NULL,
    PRIMARY KEY (name, seq)
  );
  CREATE TABLE IF NOT EXISTS skewtune.study_claims (
    name text NOT NULL REFERENCES skewtune.study_headers ON DELETE CASCADE,
    round integer NOT NULL,
    idx integer NOT NULL,
    epochs integer NOT NULL,
    holder text NOT NULL,
    beat_on timestamptz NOT NULL,
    PRIMARY KEY (name, round, idx, epochs)
  );
  -- A peer joins before the study's header exists when it is the one to create it.
  CREATE TABLE IF NOT EXISTS skewtune.study_peers (
    name text NOT NULL,
    holder text NOT NULL,
    beat_on timestamptz NOT NULL,
    PRIMARY KEY (name, holder)
  );
`;

// Records are json, not jsonb: kept as written, keys in their order, so a study read back from the
// database gives the same text as the file journal's.

/**
 * Creates the tables of studies stored in PostgreSQL if they are missing: a study's header
 * (settings, seed, sampler, pruner, fingerprint) and status, its rounds, its ended trials, the
 * rungs its paused trials reached (with their checkpoints), its handovers, the claims peers hold
 * on runs of its trials, and the peers themselves.
 *
 * @example
 * await createStorageTables(pool);
 */
export async function createStorageTables(pool: Pool): Promise<void> {
  await pool.query(tables);
}
