// A distributed search end to end: a coordinator (`skewtune search --executor postgres://…`)
// and worker processes (`skewtune worker`) against a throwaway PostgreSQL, compared with the
// same search run locally. Workers are killed, coordinators are killed and resumed.
import PgBoss from 'pg-boss';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trialJobId, trialQueueName } from '../../src/search/postgres-queue.ts';
import type { TrialRecord } from '../../src/search/trial.ts';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';
import { killAll, skewtune, type SkewtuneProcess } from '../helpers/processes.ts';
import { lockStudies, published } from '../helpers/trial-queue.ts';

const small = new URL('../cli/fixtures/small-search.json', import.meta.url).pathname;
// Unpruned, so each trial is one job; the pruned search has a test of its own below.
const searchArgs = ['search', '--config', small, '--rounds', '3', '--trials', '12', '--pruner', 'none', '--epochs', '2', '--seed', '7', '--json'];
// The honesty check retrains on this machine whatever the executor: the first distributed test keeps it, the other runs skip its seconds.
const quick = ['--recheck', '0'];
const temp = () => join(mkdtempSync(join(tmpdir(), 'distributed-')), 'study');

const trials = (dir: string): TrialRecord[] =>
  readFileSync(join(dir, 'trials.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TrialRecord);
/** Every field but the seconds, which measure where and when it ran: the records' text must match, keys in order. */
const results = (dir: string) => trials(dir)
  .sort((a, b) => a.round - b.round || a.index - b.index)
  .map(({ seconds: _, ...rest }) => JSON.stringify(rest));
/** How many times workers started each trial of a study, from their logs. */
function starts(workers: SkewtuneProcess[], study: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of workers.flatMap((w) => w.stdout().split('\n'))) {
    const match = line.match(/^study (\w+) round (\d+) trial (\d+): started/);
    if (match && study.startsWith(match[1]!)) counts.set(`${match[2]}/${match[3]}`, (counts.get(`${match[2]}/${match[3]}`) ?? 0) + 1);
  }
  return counts;
}

/** The workers' logs, for the messages of failed expectations. */
const logs = (workers: SkewtuneProcess[]) => workers.map((w, i) => `worker ${i + 1}:\n${w.stdout()}${w.stderr()}`).join('\n');

/** Starts `count` workers and waits until each takes jobs: before that, a SIGTERM would find no handler. */
async function startWorkers(count: number, env: NodeJS.ProcessEnv[] = []): Promise<SkewtuneProcess[]> {
  const workers = Array.from({ length: count }, (_, i) => skewtune(['worker', ...(env[i] ? [] : ['--connect', db.url]), '--concurrency', '1'], env[i]));
  await Promise.all(workers.map((w) => w.waitFor(/taking trials from/)));
  return workers;
}

async function stop(workers: SkewtuneProcess[]): Promise<void> {
  for (const worker of workers) worker.signal('SIGTERM');
  expect(await Promise.all(workers.map((w) => w.exited)), logs(workers)).toEqual(workers.map(() => 0));
}

let db: TestDatabase;
let local: { out: string; best: unknown };

beforeAll(async () => {
  db = await startPostgres();
  const out = temp();
  const run = skewtune([...searchArgs, ...quick, '--workers', '2', '--out', out]);
  expect(await run.exited, run.stderr()).toBe(0);
  local = { out, best: JSON.parse(run.stdout()).best };
}, 240_000);

afterAll(() => {
  killAll();
  db?.stop();
});

describe('a search on PostgreSQL with skewtune workers', () => {
  it('gives a coordinator and two workers the same trials, parameters and scores, as the local executor', async () => {
    const out = temp();
    const coordinator = skewtune([...searchArgs, '--executor', db.url, '--out', out]);
    // Both workers take a trial before either trains one: they start on a full queue with the table of studies
    // locked (see lockStudies), which is released once each has started one. Otherwise a worker that finished
    // trials fast could empty each round's queue between two looks of the other.
    await published(db.url, 12);
    const lock = await lockStudies(db.url);
    // One worker is given the database by the environment, the other by --connect.
    const workers = await startWorkers(2, [{ SKEWTUNE_DATABASE_URL: db.url }]);
    await Promise.all(workers.map((w) => w.waitFor(/round 1 trial \d+: started/)));
    await lock.release();
    expect(await coordinator.exited, coordinator.stderr()).toBe(0);
    await stop(workers);
    const summary = JSON.parse(coordinator.stdout());
    expect(summary.trials).toBe(36);
    expect(results(out)).toEqual(results(local.out));
    expect(summary.best).toEqual(local.best);
    const started = starts(workers, summary.study);
    expect(started.size, logs(workers)).toBe(36);
    expect([...started.values()].every((n) => n === 1), logs(workers)).toBe(true);
    // Both workers took trials.
    expect(workers.map((w) => starts([w], summary.study).size).every((n) => n > 0), logs(workers)).toBe(true);
    // The password is in no file of the study and no output of any process.
    const written = ['study.json', 'trials.jsonl', 'README.md'].map((file) => readFileSync(join(out, file), 'utf8'));
    expect([...written, coordinator.stdout(), coordinator.stderr(), logs(workers)].join('\n')).not.toContain('skewtune-test');
    expect(logs(workers)).toContain(`taking trials from ${db.url.replace(':skewtune-test', '')}`);
  }, 240_000);

  it('prunes by successive halving the same trials with the same scores as the local executor, each rung of a trial one job, its checkpoint carried by the job', async () => {
    const pruned = ['search', '--config', small, '--rounds', '2', '--trials', '9', '--epochs', '9', '--pruner', 'halving', '--recheck', '0', '--seed', '5', '--json'];
    const here = temp();
    const run = skewtune([...pruned, '--workers', '2', '--out', here]);
    expect(await run.exited, run.stderr()).toBe(0);
    const workers = await startWorkers(2);
    const out = temp();
    const coordinator = skewtune([...pruned, '--executor', db.url, '--out', out]);
    expect(await coordinator.exited, coordinator.stderr()).toBe(0);
    await stop(workers);
    expect(results(out)).toEqual(results(here));
    expect(trials(out).filter((t) => t.status === 'pruned')).toHaveLength(16);
    const jobs = workers.flatMap((w) => w.stdout().split('\n')).filter((l) => /: started to epoch \d+/.test(l)).map((l) => l.replace(/ \(try .*$/, ''));
    // Per round: 9 jobs to epoch 1, 3 to epoch 3, 1 to epoch 9; none twice.
    expect(jobs, logs(workers)).toHaveLength(2 * 13);
    expect(new Set(jobs).size).toBe(jobs.length);
    expect(JSON.parse(coordinator.stdout()).test).toEqual(JSON.parse(run.stdout()).test);
  }, 400_000);

  it('completes with every trial once and the same results when a worker is SIGKILLed in the middle of a trial', async () => {
    const out = temp();
    // The jobs expire 12 s after a worker takes them: past any trial here (the first loads MNIST), soon enough for the test.
    const coordinator = skewtune([...searchArgs, ...quick, '--executor', db.url, '--trial-timeout', '12', '--out', out]);
    // The workers start on a full queue with the table of studies locked, so each trial they start waits before
    // training (see lockStudies) and the kill lands mid-trial on any machine; the first worker to start one is killed.
    await published(db.url, 12);
    const lock = await lockStudies(db.url);
    const workers = await startWorkers(2);
    const { round, index, which } = await Promise.race(workers.map((w, i) =>
      w.waitFor(/round (\d+) trial (\d+): started/).then((match) => ({ round: match[1]!, index: match[2]!, which: i }))));
    const [doomed, survivor] = [workers[which]!, workers[1 - which]!];
    doomed.signal('SIGKILL');
    expect(await doomed.exited).toBeNull();
    await lock.release();
    expect(await coordinator.exited, coordinator.stderr()).toBe(0);
    await stop([survivor]);
    const summary = JSON.parse(coordinator.stdout());
    expect(trials(out)).toHaveLength(36);
    expect(new Set(trials(out).map((t) => `${t.round}/${t.index}`)).size).toBe(36);
    expect(results(out)).toEqual(results(local.out));
    // The killed worker's trial expired and was retried by the survivor.
    expect(starts([survivor], summary.study).get(`${round}/${index}`), logs([doomed, survivor])).toBe(1);
    const boss = new PgBoss({ connectionString: db.url, supervise: false, schedule: false, migrate: false });
    await boss.start();
    try {
      const job = await boss.getJobById(trialQueueName, trialJobId({ study: summary.study, round: Number(round), index: Number(index) }));
      expect(job).toMatchObject({ state: 'completed', retryCount: 1 });
    } finally {
      await boss.stop({ graceful: false });
    }
  }, 240_000);

  it('runs a space with the data strategy as a dimension (conditional options) as the local executor does', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'distributed-')), 'strategies.json');
    const fixture = JSON.parse(readFileSync(small, 'utf8'));
    writeFileSync(config, JSON.stringify({ ...fixture, params: {
      ...fixture.params,
      strategy: { kind: 'choice', values: ['none', 'bootstrap', 'focal'] },
      'bootstrap.ratio': { kind: 'uniform', low: 0.3, high: 1 },
      'focal.gamma': { kind: 'uniform', low: 0, high: 3 },
    } }));
    const args = ['search', '--config', config, '--imbalance', 'lt:10', '--rounds', '1', '--trials', '6', '--pruner', 'none', '--epochs', '2', '--seed', '3', '--json', ...quick];
    const [here, there] = [temp(), temp()];
    const workers = await startWorkers(2);
    const [localRun, distributed] = [skewtune([...args, '--workers', '1', '--out', here]), skewtune([...args, '--executor', db.url, '--out', there])];
    expect(await localRun.exited, localRun.stderr()).toBe(0);
    expect(await distributed.exited, distributed.stderr()).toBe(0);
    await stop(workers);
    expect(trials(there).map((t) => t.status), logs(workers)).toEqual(trials(there).map(() => 'complete'));
    expect(new Set(trials(there).map((t) => t.params.strategy)).size).toBeGreaterThan(1);
    expect(results(there)).toEqual(results(here));
  }, 240_000);

  it('resumes a coordinator SIGKILLed in round 2 to the same end state, repeating no finished trial', async () => {
    const workers = await startWorkers(2);
    const out = temp();
    const env = { SKEWTUNE_DATABASE_URL: db.url };
    const first = skewtune([...searchArgs, ...quick, '--out', out], env);
    // Killed the moment a worker starts a round-2 trial, read from the workers' own logs: the coordinator
    // collects results every half second, so its journal alone cannot show a round half done (a fast machine
    // finished all twelve round-2 trials between two of its looks).
    await Promise.race(workers.map((w) => w.waitFor(/round 2 trial \d+: started/)));
    first.signal('SIGKILL');
    expect(await first.exited).toBeNull();
    const before = trials(out);
    expect(before.filter((t) => t.round === 1)).toHaveLength(12);
    expect(before.length).toBeLessThan(24);
    const resumed = skewtune(['search', '--out', out, '--resume', '--json'], env);
    expect(await resumed.exited, resumed.stderr()).toBe(0);
    await stop(workers);
    const summary = JSON.parse(resumed.stdout());
    expect(trials(out)).toHaveLength(36);
    expect(results(out)).toEqual(results(local.out));
    expect(summary.best).toEqual(local.best);
    // Trials the workers finished while no coordinator ran were collected, not run again.
    const started = starts(workers, summary.study);
    expect(started.size, logs(workers)).toBe(36);
    expect([...started.values()].every((n) => n === 1), logs(workers)).toBe(true);
  }, 240_000);
});
