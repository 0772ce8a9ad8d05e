import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseStudies } from '../../src/dashboard/database.ts';
import { startDashboard } from '../../src/dashboard/server.ts';
import { databaseAddress, openQueue } from '../../src/search/postgres-queue.ts';
import { registerStudy } from '../../src/search/postgres-studies.ts';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/files.ts';

describe("the dashboard's listing of a database's studies", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startPostgres();
  });
  afterAll(() => db?.stop());

  it('lists nothing in a database no search used, and installs nothing there', async () => {
    const studies = databaseStudies(databaseAddress(db.url, '--connect'));
    try {
      expect(await studies.list()).toEqual([]);
    } finally {
      await studies.close();
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('skewtune', 'pgboss')");
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('lists each recorded study with its trial jobs by state, in the dashboard too', async () => {
    const address = databaseAddress(db.url, '--connect');
    const queue = await openQueue(address, { warn: () => undefined });
    try {
      await registerStudy(queue.boss, { id: 'night-run', space: { lr: { kind: 'uniform', low: 0, high: 1 } }, task: null });
      await registerStudy(queue.boss, { id: 'idle', space: { lr: { kind: 'uniform', low: 0, high: 1 } }, task: null });
      for (const index of [0, 1]) await queue.boss.send(queue.name, { study: 'night-run', round: 1, index, seed: index, params: { lr: 0.5 }, task: null });
    } finally {
      await queue.close();
    }
    const studies = databaseStudies(address);
    const dashboard = await startDashboard({ dirs: [tempDir()], database: studies.list });
    try {
      const rows = await (await fetch(new URL('api/entries', dashboard.url))).json() as { id: string; state: string; counts: object }[];
      expect(rows.map(({ id, state, counts }) => ({ id, state, counts })).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'db:idle', state: 'recorded', counts: {} },
        { id: 'db:night-run', state: 'running', counts: { created: 2 } },
      ]);
    } finally {
      await dashboard.close();
      await studies.close();
    }
  });

  it('says a database cannot be reached in one row, without its password', async () => {
    const url = new URL(db.url);
    url.password = 'not-the-password';
    const studies = databaseStudies(databaseAddress(url.href, '--connect'));
    try {
      const [row, ...rest] = await studies.list();
      expect(rest).toEqual([]);
      expect(row!.state).toMatch(/^unreachable: .*password authentication failed/);
      expect(JSON.stringify(row)).not.toContain('not-the-password');
    } finally {
      await studies.close();
    }
  });
});

describe("the dashboard's listing of a database it cannot reach", () => {
  it('is one row with the reason as the driver gives it, the password hidden, whether the URL has one or not', async () => {
    // Port 1: nothing listens, so the connection is refused at once.
    for (const [url, shown] of [['postgres://nobody@127.0.0.1:1/db', 'postgres://nobody@127.0.0.1:1/db'], ['postgres://me:s3cret@127.0.0.1:1/db', 'postgres://me@127.0.0.1:1/db']]) {
      const studies = databaseStudies(databaseAddress(url!, '--connect'));
      try {
        const rows = await studies.list();
        // An empty password once split the message into single characters joined by ellipses.
        expect(rows).toEqual([expect.objectContaining({ id: shown, kind: 'database', state: 'unreachable: connect ECONNREFUSED 127.0.0.1:1' })]);
        expect(JSON.stringify(rows)).not.toContain('s3cret');
      } finally {
        await studies.close();
      }
    }
  });
});
