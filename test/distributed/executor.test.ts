// The coordinator's side against a real PostgreSQL, with the test playing the workers through
// pg-boss itself: results that arrive twice, trials that fail every try, abandoned trials.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import type { TrialJob } from '../../src/search/executor.ts';
import { createStudy, journal } from '../../src/search/journal.ts';
import { search } from '../../src/search/pipeline.ts';
import { postgresExecutor } from '../../src/search/postgres-executor.ts';
import { databaseAddress, openQueue, trialJobId, trialQueueName } from '../../src/search/postgres-queue.ts';
import { encodeSteps } from '../../src/search/postgres-result.ts';
import type { Space } from '../../src/search/space.ts';
import type { TrialRecord } from '../../src/search/trial.ts';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';

const space: Space = { x: { kind: 'uniform', low: -1, high: 1 } };
const warnings: string[] = [];
let db: TestDatabase;
let boss: PgBoss;

beforeAll(async () => {
  db = await startPostgres();
  boss = new PgBoss({ connectionString: db.url, schedule: false, supervise: false });
  await boss.start();
}, 120_000);

afterAll(async () => {
  await boss?.stop({ graceful: false });
  db?.stop();
});

const coordinator = (study: string, pollSeconds = 0.05) =>
  postgresExecutor({ address: databaseAddress(db.url, 'test'), study: { id: study, space, task: null }, pollSeconds, warn: (w) => warnings.push(w) });

/** Runs a one-round study through the journal, as `skewtune search` does, and gives what trials.jsonl recorded. */
async function journalled(study: string, trials: number, work: () => Promise<void>): Promise<TrialRecord[]> {
  const dir = join(mkdtempSync(join(tmpdir(), 'executor-')), 'study');
  const file = { study, seed: 1, config: null, rounds: [], status: 'running' as const };
  createStudy(dir, file);
  const executor = await coordinator(study);
  try {
    const events = lastValueFrom(search(space, executor, { rounds: 1, trials, seed: 1, study, direction: 'minimize' }).pipe(tap(journal(dir, file)), toArray()));
    await work();
    await events;
  } finally {
    await executor.close();
  }
  return readFileSync(join(dir, 'trials.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TrialRecord);
}

/** Takes `count` jobs from the queue, as a worker would, waiting for them to be published. */
async function take(count: number): Promise<PgBoss.JobWithMetadata<TrialJob>[]> {
  const jobs: PgBoss.JobWithMetadata<TrialJob>[] = [];
  while (jobs.length < count) {
    jobs.push(...await boss.fetch<TrialJob>(trialQueueName, { batchSize: count - jobs.length, includeMetadata: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return jobs;
}

describe('the postgres executor', () => {
  it('records a result that arrives twice once, the first', async () => {
    const study = randomUUID();
    const records = await journalled(study, 3, async () => {
      for (const job of await take(3)) {
        const x = Number(job.data.params.x);
        await boss.complete(trialQueueName, job.id, encodeSteps([{ score: x * x }]));
        // A worker that was presumed dead answers late, with something else.
        await boss.complete(trialQueueName, job.id, encodeSteps([{ score: 99 }]));
      }
    });
    expect(records).toHaveLength(3);
    expect(records.map((r) => r.score)).toEqual(records.map((r) => Number(r.params.x) ** 2));
  }, 30_000);

  it('publishes a trial published again (by a resumed coordinator) as the same one job, with one result', async () => {
    const study = randomUUID();
    const job: TrialJob = { study, round: 1, index: 0, seed: 5, params: { x: 0.5 }, task: null };
    const [first, second] = [await coordinator(study), await coordinator(study)];
    try {
      const runs = Promise.all([first, second].map((e) => lastValueFrom(e.run(job).pipe(toArray()))));
      const [taken] = await take(1);
      expect(taken!.id).toBe(trialJobId(job));
      await boss.complete(trialQueueName, taken!.id, encodeSteps([{ score: 0.25 }]));
      expect(await runs).toEqual([[{ score: 0.25 }], [{ score: 0.25 }]]);
      expect(await boss.fetch(trialQueueName)).toEqual([]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 30_000);

  it('records a trial that fails on every try as failed, with the last reason', async () => {
    const study = randomUUID();
    const records = await journalled(study, 1, async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const [job] = await take(1);
        expect(job!.retryCount).toBe(attempt - 1);
        await boss.fail(trialQueueName, job!.id, { message: `out of memory on try ${attempt}` });
      }
    });
    expect(records).toMatchObject([{ status: 'failed', score: null, error: 'failed on all 3 tries; the last: out of memory on try 3' }]);
  }, 30_000);

  it('cancels the job of an abandoned trial, and takes it up again when the trial is published again', async () => {
    const study = randomUUID();
    const job: TrialJob = { study, round: 1, index: 0, seed: 5, params: { x: 0.5 }, task: null };
    const abandoning = await coordinator(study);
    const subscription = abandoning.run(job).subscribe();
    while (!(await boss.getJobById(trialQueueName, trialJobId(job)))) await new Promise((resolve) => setTimeout(resolve, 20));
    subscription.unsubscribe();
    await abandoning.close();
    expect(await boss.getJobById(trialQueueName, trialJobId(job))).toMatchObject({ state: 'cancelled' });

    const resuming = await coordinator(study);
    try {
      const run = lastValueFrom(resuming.run(job).pipe(toArray()));
      const [taken] = await take(1);
      await boss.complete(trialQueueName, taken!.id, encodeSteps([{ score: 0.25 }]));
      expect(await run).toEqual([{ score: 0.25 }]);
    } finally {
      await resuming.close();
    }
  }, 30_000);

  it('lets processes that open a new database at once all install and use the queue', async () => {
    for (let n = 0; n < 4; n++) {
      const name = `fresh_${n}`;
      await boss.getDb().executeSql(`CREATE DATABASE ${name}`, []);
      const address = databaseAddress(db.url.replace(/\/skewtune$/, `/${name}`), 'test');
      // With pg-boss's own schema there, all of them reach the creation of the queue and the studies together:
      // unguarded, most databases saw one of them fail with a deadlock or a duplicate.
      const installer = new PgBoss({ connectionString: address.href, schedule: false, supervise: false });
      await installer.start();
      await installer.stop({ graceful: false });
      const opened = await Promise.allSettled(Array.from({ length: 12 }, () => openQueue(address, { warn: (w) => warnings.push(w) })));
      await Promise.all(opened.map((o) => o.status === 'fulfilled' && o.value.close()));
      expect(opened.filter((o) => o.status === 'rejected').map((o) => String(o.reason))).toEqual([]);
    }
  }, 60_000);

  it('refuses a wrong password with an input error that names the database but not the password', async () => {
    const url = db.url.replace('skewtune-test', 'not-the-password');
    const error = await postgresExecutor({ address: databaseAddress(url, 'test'), study: { id: 's', space, task: null }, warn: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^cannot use the database postgres:\/\/skewtune@127\.0\.0\.1:\d+\/skewtune: password authentication failed for user "skewtune"$/);
    expect(warnings).toEqual([]);
  }, 30_000);
});
