// Peers on one study kept in PostgreSQL (`skewtune search --storage URL --study NAME`): three
// processes share it while one is SIGKILLed, and a fourth, in another directory, finishes it.
import pg from 'pg';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrialRecord } from '../../src/search/trial.ts';
import { cli } from '../helpers/cli.ts';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';
import { killAll, skewtune } from '../helpers/processes.ts';
import { sharedStorage } from '../../src/storage/shared-storage.ts';

const small = new URL('../cli/fixtures/small-search.json', import.meta.url).pathname;
const settings = ['--config', small, '--rounds', '3', '--trials', '6', '--pruner', 'none', '--epochs', '2', '--seed', '7', '--recheck', '0', '--ensemble', '1'];
const temp = () => mkdtempSync(join(tmpdir(), 'peers-'));
/** Every field but the seconds, which measure where and when a trial ran. */
const results = (trials: TrialRecord[]) => [...trials]
  .sort((a, b) => a.round - b.round || a.index - b.index)
  .map(({ seconds: _, ...rest }) => JSON.stringify(rest));

let db: TestDatabase;
beforeAll(async () => {
  db = await startPostgres();
}, 120_000);
afterAll(() => {
  killAll();
  db?.stop();
});

describe('peers on a PostgreSQL study', () => {
  it('three processes finish one study, one SIGKILLed mid-way, with no trial lost or doubled; a fourth elsewhere finishes it again', async () => {
    const local = join(temp(), 'study');
    const reference = await cli(['search', ...settings, '--workers', '1', '--out', local, '--json']);
    expect(reference.code, reference.stderr).toBe(0);
    const expected = readFileSync(join(local, 'trials.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrialRecord);

    const shared = ['--storage', db.url, '--study', 'peers', '--heartbeat-grace', '5', '--workers', '1'];
    const peers = [1, 2, 3].map((i) => skewtune(['search', ...settings, ...shared, '--out', join(temp(), `peer-${i}`)]));
    // Killed once it has seen a trial end: by then it holds a claim on the run it is training.
    await peers[0]!.waitFor(/^\[1\/18\] round 1 trial \d+: /m);
    peers[0]!.signal('SIGKILL');
    expect(await peers[0]!.exited).toBeNull();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // Killed mid-way, holding claims on runs (done, or under way: those the survivors take over once the grace is over).
      const held = await client.query(`SELECT 1 FROM skewtune.study_claims WHERE name = 'peers' AND holder LIKE $1`, [`%/${peers[0]!.pid}/%`]);
      expect(held.rowCount).toBeGreaterThan(0);
      const stored = await client.query(`SELECT 1 FROM skewtune.study_trials WHERE name = 'peers'`);
      expect(stored.rowCount).toBeLessThan(18);
      const codes = await Promise.all(peers.slice(1).map((p) => p.exited));
      expect(codes, peers.map((p) => p.stderr()).join('\n')).toEqual([0, 0]);
      const rows = (await client.query<{ record: TrialRecord }>(`SELECT record FROM skewtune.study_trials WHERE name = 'peers'`)).rows.map((r) => r.record);
      expect(rows).toHaveLength(18);
      expect(results(rows)).toEqual(results(expected));
      const status = (await client.query<{ status: string }>(`SELECT status FROM skewtune.study_headers WHERE name = 'peers'`)).rows[0]!.status;
      expect(status).toBe('done');
    } finally {
      await client.end();
    }

    // From another directory, with nothing but the database and the study's name: every trial comes from the storage.
    const elsewhere = temp();
    const finish = await cli(['search', '--storage', db.url, '--study', 'peers', '--out', 'report'], elsewhere);
    expect(finish.code, finish.stderr).toBe(0);
    expect(finish.stdout).toMatch(/18 trials from the journal/);
    const report = JSON.parse(readFileSync(join(elsewhere, 'report', 'report.json'), 'utf8')) as { trials: unknown[] };
    expect(report.trials).toHaveLength(18);
  }, 400_000);

  it('two peers on a pruned study go on from each other\'s checkpoints and record what one process records', async () => {
    const pruned = ['--config', small, '--rounds', '2', '--trials', '6', '--pruner', 'halving', '--min-epochs', '1', '--epochs', '3', '--reduction', '3', '--seed', '5', '--recheck', '0', '--ensemble', '1'];
    const local = join(temp(), 'study');
    const reference = await cli(['search', ...pruned, '--workers', '1', '--out', local, '--json']);
    expect(reference.code, reference.stderr).toBe(0);
    const lines = (file: string) => readFileSync(join(local, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrialRecord);
    const shared = ['--storage', db.url, '--study', 'pruned', '--workers', '1'];
    const peers = [1, 2].map((i) => skewtune(['search', ...pruned, ...shared, '--out', join(temp(), `peer-${i}`), '--json']));
    const codes = await Promise.all(peers.map((p) => p.exited));
    expect(codes, peers.map((p) => p.stderr()).join('\n')).toEqual([0, 0]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = (await client.query<{ record: TrialRecord }>(`SELECT record FROM skewtune.study_trials WHERE name = 'pruned'`)).rows.map((r) => r.record);
      expect(results(rows)).toEqual(results(lines('trials.jsonl')));
      expect(rows.filter((t) => t.status === 'pruned').length).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    for (const peer of peers) expect(JSON.parse(peer.stdout()).best).toEqual(JSON.parse(reference.stdout).best);
  }, 400_000);

  it.each([
    [['--storage', 'URL'], /^skewtune: --storage and --study go together/],
    [['--storage', 'URL', '--study', 'no spaces'], /^skewtune: --study: a name is 1 to 100 letters, digits/],
    [['--storage', 'URL', '--study', 'old', '--resume'], /^skewtune: --resume is for a study directory/],
    [['--storage', 'URL', '--study', 'other', '--config', small, '--rounds', '4'], /study other: the study there has other settings: \w+ is .* there, .* here/],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const other = await sharedStorage(db.url, 'other');
    await other.create({ study: 'id-0', seed: 1, config: { rounds: 3 }, rounds: [], status: 'running' });
    await other.close();
    const r = await cli(['search', ...args.map((a) => (a === 'URL' ? db.url : a))]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('skewtune-test');
    expect(r.code).toBe(2);
  }, 60_000);
});
