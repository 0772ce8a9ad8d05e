import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import type { TrialJob } from '../search/executor.ts';
import type { TrialRecord } from '../search/trial.ts';
import type { PeerTrials, StoredRun } from './study-storage.ts';

/** How long a peer's claim outlives its last renewal, and how often a waiting peer looks again. */
export interface PeerOptions {
  graceSeconds: number;
  pollMs: number;
}

/** A peer of a study in PostgreSQL: its claims on runs, and its membership while it runs. */
export interface PostgresPeers extends PeerTrials {
  /** Joins the study: claims are renewed from now until the function given back (or `leave`) is called. */
  join(): Promise<() => Promise<void>>;
  leave(): Promise<void>;
}

const defaults: PeerOptions = { graceSeconds: 10, pollMs: 250 };

/**
 * The claims of one process on the runs of a stored study (see `PeerTrials`). The claim of a
 * run is a row keyed by (study, round, index, epochs), held by this process while it renews it
 * (four times a grace); a row not renewed for `graceSeconds` (its holder killed) is taken over.
 *
 * @example
 * const peers = postgresPeers(pool, 'mnist-1', { graceSeconds: 10 });
 * if (await peers.claim(job)) run(job);
 */
export function postgresPeers(pool: pg.Pool, name: string, options: Partial<PeerOptions> = {}): PostgresPeers {
  const { graceSeconds, pollMs } = { ...defaults, ...options };
  const holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[]) => (await pool.query<T>(text, values)).rows;
  const at = (job: TrialJob) => [name, job.round, job.index, job.epochs ?? 0];
  let renewal: NodeJS.Timeout | undefined;
  const renew = () => Promise.all([
    query('UPDATE skewtune.study_claims SET beat_on = now() WHERE name = $1 AND holder = $2', [name, holder]),
    query('UPDATE skewtune.study_peers SET beat_on = now() WHERE name = $1 AND holder = $2', [name, holder]),
  ]);
  const leave = async () => {
    if (renewal === undefined) return;
    clearInterval(renewal);
    renewal = undefined;
    await query('DELETE FROM skewtune.study_claims WHERE name = $1 AND holder = $2', [name, holder]);
    await query('DELETE FROM skewtune.study_peers WHERE name = $1 AND holder = $2', [name, holder]);
  };
  /** The steps of this run in a stored record: those after the rung the job goes on from, or all when it starts over. */
  const stepsOf = async (job: TrialJob, record: TrialRecord) => {
    if (job.checkpoint === undefined) return record.history;
    const [row] = await query<{ epochs: number | null }>('SELECT max(epochs) AS epochs FROM skewtune.study_rungs WHERE name = $1 AND round = $2 AND idx = $3 AND epochs < $4', at(job));
    return record.history.slice(row?.epochs ?? 0);
  };
  return {
    pollMs,
    async result(job): Promise<StoredRun | undefined> {
      // The rung this run trains to first: a peer may have taken the trial further since, and this run is only its part.
      const [rung] = job.epochs === undefined ? [] : await query<{ record: TrialRecord; checkpoint: Buffer | null }>(
        'SELECT record, checkpoint FROM skewtune.study_rungs WHERE name = $1 AND round = $2 AND idx = $3 AND epochs = $4', at(job));
      if (rung) {
        const steps = await stepsOf(job, rung.record);
        // The checkpoint rides on the last step, as an objective gives it, so this peer can run the next rung.
        const last = steps.at(-1);
        if (rung.checkpoint && last) steps.splice(-1, 1, { ...last, checkpoint: rung.checkpoint.toString('base64') });
        return { steps };
      }
      const [end] = await query<{ record: TrialRecord }>('SELECT record FROM skewtune.study_trials WHERE name = $1 AND round = $2 AND idx = $3', at(job).slice(0, 3));
      if (!end || end.record.history.length > (job.epochs ?? Infinity)) return undefined;
      return { steps: await stepsOf(job, end.record), ...(end.record.status === 'failed' && { error: end.record.error ?? 'failed' }) };
    },
    async claim(job) {
      const rows = await query(`
        INSERT INTO skewtune.study_claims (name, round, idx, epochs, holder, beat_on) VALUES ($1, $2, $3, $4, $5, now())
        ON CONFLICT (name, round, idx, epochs) DO UPDATE SET holder = EXCLUDED.holder, beat_on = now()
          WHERE skewtune.study_claims.holder = EXCLUDED.holder OR skewtune.study_claims.beat_on < now() - make_interval(secs => $6)
        RETURNING holder`, [...at(job), holder, graceSeconds]);
      return rows.length > 0;
    },
    release: async (job) => void await query('DELETE FROM skewtune.study_claims WHERE name = $1 AND round = $2 AND idx = $3 AND epochs = $4 AND holder = $5', [...at(job), holder]),
    async join() {
      await query('INSERT INTO skewtune.study_peers (name, holder, beat_on) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING', [name, holder]);
      renewal ??= setInterval(() => void renew().catch(() => undefined), (graceSeconds * 1000) / 4);
      renewal.unref();
      return leave;
    },
    leave,
  };
}
