// `skewtune worker` against a throwaway PostgreSQL: what it refuses, and how it stops.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import { lastValueFrom, tap, toArray, type Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MlpTask } from '../../src/study/task.ts';
import type { TrialJob } from '../../src/search/executor.ts';
import { createStudy, journal } from '../../src/search/journal.ts';
import { parseMlpSpace } from '../../src/search/mlp-space.ts';
import { search } from '../../src/search/pipeline.ts';
import { postgresExecutor } from '../../src/search/postgres-executor.ts';
import { databaseAddress, trialJobId, trialQueueName } from '../../src/search/postgres-queue.ts';
import type { Space } from '../../src/search/space.ts';
import type { TrialRecord } from '../../src/search/trial.ts';
import { cli } from '../helpers/cli.ts';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';
import { killAll, skewtune } from '../helpers/processes.ts';
import { lockStudies } from '../helpers/trial-queue.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/small-search.json', import.meta.url), 'utf8'));
const space = parseMlpSpace(fixture.params, 'small-search.json');
const task: MlpTask = { dataset: 'mnist', label: 'label', seed: 7, trialSubset: 800, epochs: 1, metric: 'accuracy' };
const job = (study: string, index: number): TrialJob =>
  ({ study, round: 1, index, seed: 11, params: { lr: 0.01, l2: 1e-4, hidden: [16], batchSize: 64, optimizer: 'adam', dropout: 0.1 }, task });
let db: TestDatabase;

beforeAll(async () => {
  db = await startPostgres();
}, 120_000);

afterAll(() => {
  killAll();
  db?.stop();
});

const coordinator = (study: { id: string; space: Space; task: MlpTask }) =>
  postgresExecutor({ address: databaseAddress(db.url, 'test'), study, pollSeconds: 0.1, warn: () => {} });

describe('skewtune worker', () => {
  it.each([
    ['worker', (url: string) => ['worker', '--connect', url]],
    ['search', (url: string) => ['search', '--config', new URL('./fixtures/small-search.json', import.meta.url).pathname, '--executor', url, '--out', join(mkdtempSync(join(tmpdir(), 'worker-')), 'study')]],
  ])('%s with a wrong password exits with code 2 and one line naming the problem, not the password', async (_, args) => {
    const url = db.url.replace('skewtune-test', 'hunter2-wrong');
    const argv = args(url);
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^skewtune: cannot use the database postgres:\/\/skewtune@127\.0\.0\.1:\d+\/skewtune: password authentication failed for user "skewtune"\n$/);
    expect(run.stdout + run.stderr).not.toContain('hunter2');
    if (argv.includes('--out')) expect(existsSync(argv.at(-1)!)).toBe(false);
  }, 60_000);

  it('without a database to connect to exits with code 2 saying how to give one', async () => {
    // Emptied, in case whoever runs the tests has one set.
    const run = skewtune(['worker'], { SKEWTUNE_DATABASE_URL: '' });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toBe('skewtune: --connect: no database given; pass --connect postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE or set SKEWTUNE_DATABASE_URL\n');
  });

  it('rejects jobs outside the study\'s space, and jobs whose data hash is not its own; the study records them failed with the reason', async () => {
    const worker = skewtune(['worker', '--connect', db.url, '--concurrency', '1']);
    const record = async (study: { id: string; space: Space; task: MlpTask }, sampled: Space) => {
      const dir = join(mkdtempSync(join(tmpdir(), 'worker-')), 'study');
      const file = { study: study.id, seed: 1, config: null, rounds: [], status: 'running' as const };
      createStudy(dir, file);
      const executor = await coordinator(study);
      try {
        await lastValueFrom(search(sampled, executor, { rounds: 1, trials: 2, seed: 1, study: study.id, task: study.task }).pipe(tap(journal(dir, file)), toArray()));
      } finally {
        await executor.close();
      }
      return readFileSync(join(dir, 'trials.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TrialRecord);
    };
    // A coordinator whose jobs stray outside the space the study recorded.
    const outside = await record({ id: randomUUID(), space, task }, { ...space, lr: { kind: 'loguniform', low: 0.5, high: 0.9 } });
    expect(outside.map((t) => t.status)).toEqual(['failed', 'failed']);
    for (const t of outside) {
      expect(t.error).toMatch(/^failed on all 3 tries; the last: rejected: params\.lr = 0\.[5-9]\d* lies outside the study's range 0\.00001\.\.0\.1 \(log\) \(worker .+\)$/);
    }
    const elsewhere = await record({ id: randomUUID(), space, task: { ...task, dataHash: 'sha256:0123456789abcdef' } }, space);
    expect(elsewhere.map((t) => t.status)).toEqual(['failed', 'failed']);
    for (const t of elsewhere) {
      expect(t.error).toMatch(/^failed on all 3 tries; the last: the data this worker loaded from mnist hash to \w+, but the study's hash to sha256:0123456789abcdef \(worker .+\)$/);
    }
    expect(worker.stdout()).toMatch(/round 1 trial 0: failed \(try 3 of 3\): rejected: params\.lr/);
    worker.signal('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 120_000);

  it('on Ctrl-C finishes its running trial and stops; on a second Ctrl-C hands it back to the queue for another worker', async () => {
    const study = { id: randomUUID(), space, task };
    // Trained for so many epochs that it still runs, on any machine, when the second Ctrl-C comes.
    const long = { id: randomUUID(), space, task: { ...task, epochs: 10_000 } };
    const [executor, longExecutor] = [await coordinator(study), await coordinator(long)];
    const boss = new PgBoss({ connectionString: db.url, supervise: false, schedule: false, migrate: false });
    await boss.start();
    let handedBack: Subscription | undefined;
    try {
      const finishing = skewtune(['worker', '--connect', db.url, '--concurrency', '1']);
      await finishing.waitFor(/taking trials from/);
      // With the table of studies locked, the trial the worker has started waits until the test has seen the
      // first Ctrl-C land (a fast machine would otherwise finish it first, and the test would show nothing).
      const lock = await lockStudies(db.url);
      const finished = lastValueFrom(executor.run(job(study.id, 0)).pipe(toArray()));
      await finishing.waitFor(/round 1 trial 0: started/);
      finishing.signal('SIGINT');
      await finishing.waitFor(/stopping: no new trials/, { stream: 'stderr' });
      await lock.release();
      expect(await finishing.exited).toBe(0);
      expect(finishing.stdout()).toMatch(/round 1 trial 0: complete in/);
      expect(await finished).toHaveLength(1);

      const releasing = skewtune(['worker', '--connect', db.url, '--concurrency', '1']);
      handedBack = longExecutor.run({ ...job(long.id, 1), task: long.task }).subscribe();
      await releasing.waitFor(/round 1 trial 1: started/);
      releasing.signal('SIGINT');
      await releasing.waitFor(/stopping: no new trials/, { stream: 'stderr' });
      releasing.signal('SIGINT');
      expect(await releasing.exited).toBe(0);
      expect(releasing.stdout()).toMatch(/round 1 trial 1: failed \(try 1 of 3\): handed back: worker .+ was stopped/);
      const id = trialJobId(job(long.id, 1));
      expect(await boss.getJobById(trialQueueName, id)).toMatchObject({ state: 'retry', retryCount: 0 });

      // Another worker takes it up, on its second try; stopped twice too, it hands it back again.
      const taking = skewtune(['worker', '--connect', db.url, '--concurrency', '1']);
      await taking.waitFor(/round 1 trial 1: started \(try 2 of 3\)/);
      taking.signal('SIGINT');
      await taking.waitFor(/stopping: no new trials/, { stream: 'stderr' });
      taking.signal('SIGINT');
      expect(await taking.exited).toBe(0);
      expect(await boss.getJobById(trialQueueName, id)).toMatchObject({ state: 'retry', retryCount: 1 });
    } finally {
      handedBack?.unsubscribe();
      await Promise.all([executor.close(), longExecutor.close()]);
      await boss.stop({ graceful: false });
    }
  }, 180_000);
});
