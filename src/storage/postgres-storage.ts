import pg from 'pg';
import { InputError } from '../errors.ts';
import type { SearchEvent } from '../search/events.ts';
import type { Handover } from '../search/handovers.ts';
import type { StudyFile } from '../search/journal.ts';
import { hideSecrets, type DatabaseAddress } from '../search/postgres-queue.ts';
import type { RoundRanges } from '../search/events.ts';
import type { TrialRecord } from '../search/trial.ts';
import { postgresPeers, type PeerOptions } from './postgres-peers.ts';

export type { PeerOptions } from './postgres-peers.ts';
import { createStorageTables } from './postgres-tables.ts';
import type { StudyStorage } from './study-storage.ts';

const ended = (e: SearchEvent) => (e.type === 'trial-finished' || e.type === 'trial-failed' || e.type === 'trial-pruned') && !e.resumed;

/**
 * A study kept in PostgreSQL tables (see `createStorageTables`) under its `name`: any number of
 * `skewtune search --storage URL --study NAME` processes, on any machines, are peers on it (see
 * `PeerTrials`), and it outlives every one of them. Records are written once: a trial, a rung
 * or a round a peer recorded first is kept as it was.
 *
 * @example
 * const storage = await postgresStorage(databaseAddress(url, '--storage'), 'mnist-1');
 */
export async function postgresStorage(address: DatabaseAddress, name: string, options: Partial<PeerOptions> = {}): Promise<StudyStorage> {
  const pool = new pg.Pool({ connectionString: address.href, max: 4 });
  // An idle client's error (the server restarting) surfaces at the next query, not as a crash.
  pool.on('error', () => undefined);
  const where = `${address.shown} study ${name}`;
  try {
    await createStorageTables(pool);
  } catch (error) {
    await pool.end();
    throw new InputError(`--storage: cannot use the database ${address.shown}: ${hideSecrets(address, (error as Error).message)}`);
  }
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[]) => (await pool.query<T>(text, values)).rows;
  const peers = postgresPeers(pool, name, options);
  const json = (v: unknown) => JSON.stringify(v);
  // Writes go one after the other, in the order the search told them.
  let writes = Promise.resolve();
  const write = async (event: SearchEvent) => {
    const mine = writes.then(() => recordEvent(event));
    writes = mine.catch(() => undefined);
    return mine;
  };
  const recordEvent = async (event: SearchEvent): Promise<void> => {
    if (ended(event) && 'trial' in event) {
      const t = event.trial;
      await query('INSERT INTO skewtune.study_trials (name, round, idx, record) VALUES ($1, $2, $3, $4::json) ON CONFLICT DO NOTHING', [name, t.round, t.index, json(t)]);
    } else if (event.type === 'trial-paused') {
      const t = event.trial;
      const checkpoint = event.checkpoint === undefined ? null : Buffer.from(event.checkpoint, 'base64');
      await query('INSERT INTO skewtune.study_rungs (name, round, idx, epochs, record, checkpoint) VALUES ($1, $2, $3, $4, $5::json, $6) ON CONFLICT DO NOTHING',
        [name, t.round, t.index, t.history.length, json(t), checkpoint]);
    } else if (event.type === 'round-started') {
      const round: RoundRanges = { round: event.round, ranges: event.ranges, ...(event.explanation !== undefined && { explanation: event.explanation }) };
      await query('INSERT INTO skewtune.study_rounds (name, round, ranges) VALUES ($1, $2, $3::json) ON CONFLICT DO NOTHING', [name, event.round, json(round)]);
    } else if (event.type === 'study-done') {
      await query(`UPDATE skewtune.study_headers SET status = 'done' WHERE name = $1`, [name]);
      // Kept until now for peers replaying a rung of a trial that has since ended; no trial goes on from one any more.
      await query('UPDATE skewtune.study_rungs SET checkpoint = NULL WHERE name = $1', [name]);
    }
  };
  return {
    where,
    settingsAt: where,
    exists: async () => (await query('SELECT 1 FROM skewtune.study_headers WHERE name = $1', [name])).length > 0,
    async create(study) {
      const { rounds, status, ...header } = study;
      const made = await query('INSERT INTO skewtune.study_headers (name, header, status) VALUES ($1, $2::json, $3) ON CONFLICT (name) DO NOTHING RETURNING name', [name, json(header), status]);
      for (const r of made.length > 0 ? rounds : []) await query('INSERT INTO skewtune.study_rounds (name, round, ranges) VALUES ($1, $2, $3::json) ON CONFLICT DO NOTHING', [name, r.round, json(r)]);
      return made.length > 0;
    },
    async read() {
      const [head] = await query<{ header: Omit<StudyFile, 'rounds' | 'status'>; status: StudyFile['status'] }>('SELECT header, status FROM skewtune.study_headers WHERE name = $1', [name]);
      if (!head) throw new InputError(`${where}: no such study to join or resume`);
      const rounds = await query<{ ranges: RoundRanges }>('SELECT ranges FROM skewtune.study_rounds WHERE name = $1 ORDER BY round', [name]);
      const trials = await query<{ record: TrialRecord }>('SELECT record FROM skewtune.study_trials WHERE name = $1 ORDER BY round, idx', [name]);
      // The furthest rung of each trial not yet ended.
      const paused = await query<{ record: TrialRecord }>(`
        SELECT DISTINCT ON (r.round, r.idx) r.record FROM skewtune.study_rungs r
        WHERE r.name = $1 AND NOT EXISTS (SELECT 1 FROM skewtune.study_trials t WHERE t.name = r.name AND t.round = r.round AND t.idx = r.idx)
        ORDER BY r.round, r.idx, r.epochs DESC`, [name]);
      return { study: { ...head.header, rounds: rounds.map((r) => r.ranges), status: head.status }, trials: [...trials, ...paused].map((t) => t.record) };
    },
    record: write,
    async checkpoint(trial) {
      // An ended trial goes on from no rung: none is given back, as the file journal keeps none.
      const [row] = await query<{ checkpoint: Buffer | null }>(`
        SELECT r.checkpoint FROM skewtune.study_rungs r WHERE r.name = $1 AND r.round = $2 AND r.idx = $3 AND r.epochs = $4
          AND NOT EXISTS (SELECT 1 FROM skewtune.study_trials t WHERE t.name = r.name AND t.round = r.round AND t.idx = r.idx)`,
        [name, trial.round, trial.index, trial.history.length]);
      return row?.checkpoint ? row.checkpoint.toString('base64') : undefined;
    },
    recordHandover: async (handover) => void await query('INSERT INTO skewtune.study_handovers (name, handover) VALUES ($1, $2::json)', [name, json(handover)]),
    handovers: async () => (await query<{ handover: Handover }>('SELECT handover FROM skewtune.study_handovers WHERE name = $1 ORDER BY seq', [name])).map((r) => r.handover),
    lock: async () => peers.join(),
    peers,
    async close() {
      await peers.leave();
      await pool.end();
    },
  };
}
