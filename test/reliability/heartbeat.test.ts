// A dead worker is noticed by its silence: coordinator + two PostgreSQL workers, one SIGKILLed
// mid-trial, the default --trial-timeout (15 minutes): the study still ends about as soon as an
// unkilled one, with the same trials, and records the handover.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';
import { killAll, skewtune, type SkewtuneProcess } from '../helpers/processes.ts';
import { lockStudies, published } from '../helpers/trial-queue.ts';

const dir = mkdtempSync(join(tmpdir(), 'heartbeat-'));
const data = join(dir, 'data.csv');
writeFileSync(data, `x,y,label\n${Array.from({ length: 120 }, (_, i) => `${(i % 11) / 3},${(i * 7) % 5},${i % 3 === 0 ? 'a' : 'b'}`).join('\n')}\n`);
const args = ['search', '--dataset', `csv:${data}`, '--rounds', '1', '--trials', '4', '--epochs', '3', '--final-epochs', '1', '--recheck', '0', '--seed', '5', '--json'];

const results = (out: string) => readFileSync(join(out, 'trials.jsonl'), 'utf8').trim().split('\n')
  .map((line) => JSON.parse(line) as { round: number; index: number; seconds: number })
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

/** A worker's `--json` summary: what it printed on stdout when stopped. */
const summaryOf = (worker: SkewtuneProcess) => JSON.parse(worker.stdout()) as { worker: string; database: string; trials: { complete: number; failed: number } };

async function distributedRun(kill: boolean): Promise<{ out: string; seconds: number; coordinator: SkewtuneProcess; killedTrial?: { round: number; index: number } }> {
  const out = join(mkdtempSync(join(tmpdir(), 'heartbeat-')), 'study');
  const started = performance.now();
  const coordinator = skewtune([...args, '--executor', db.url, '--heartbeat-grace', '5', '--out', out]);
  // The workers start once the four trials wait in the queue. When one is to be killed mid-trial, the table
  // of studies is locked first: a worker reads its trial's study before training it, so every trial started
  // waits there, and the kill cannot come after the trial's end (its 120 rows train in milliseconds).
  await published(db.url, 4);
  const lock = kill ? await lockStudies(db.url) : undefined;
  // Both workers print their log on stderr and one JSON object on stdout when stopped.
  const workers = [0, 1].map(() => skewtune(['worker', '--connect', db.url, '--concurrency', '1', '--json']));
  let killedTrial;
  let survivors = workers;
  if (kill) {
    // Whichever worker starts a trial first is killed in it (either may be first to look at the queue).
    const [, round, index, which] = await Promise.race(workers.map((w, i) =>
      w.waitFor(/round (\d+) trial (\d+): started/, { stream: 'stderr' }).then((match) => [...match, String(i)])));
    workers[Number(which)]!.signal('SIGKILL');
    expect(await workers[Number(which)]!.exited).toBeNull();
    await lock!.release();
    killedTrial = { round: Number(round), index: Number(index) };
    survivors = workers.filter((_, i) => i !== Number(which));
  }
  expect(await coordinator.exited, coordinator.stderr()).toBe(0);
  const seconds = (performance.now() - started) / 1000;
  for (const worker of survivors) worker.signal('SIGTERM');
  expect(await Promise.all(survivors.map((w) => w.exited))).toEqual(survivors.map(() => 0));
  const summaries = survivors.map(summaryOf);
  for (const summary of summaries) {
    expect(summary).toMatchObject({ worker: expect.stringMatching(/\/\d+$/), database: db.url.replace(':skewtune-test', '') });
  }
  // Every job was completed once by a worker still alive (the killed one's by the survivor, after the handover):
  // under the default pruner (halving), the four trials to epoch 1 and the best of them on to epoch 3.
  expect(summaries.reduce((sum, s) => sum + s.trials.complete, 0), survivors.map((w) => w.stderr()).join('\n')).toBe(5);
  if (process.env.SKEWTUNE_FIGURES) process.stderr.write(`heartbeat test: ${kill ? 'one worker killed' : 'unkilled'}: ${seconds.toFixed(1)} s\n`);
  return { out, seconds, coordinator, ...(killedTrial && { killedTrial }) };
}

describe('heartbeats of distributed trials', () => {
  it('a trial whose worker was SIGKILLed goes to the other worker within the grace, not the trial timeout', async () => {
    const plain = await distributedRun(false);
    const killed = await distributedRun(true);
    expect(results(killed.out)).toEqual(results(plain.out));
    const handovers = readFileSync(join(killed.out, 'handovers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(handovers).toHaveLength(1);
    expect(handovers[0]).toMatchObject({ ...killed.killedTrial, worker: expect.stringMatching(/\/\d+$/) });
    // The default trial timeout is 900 s: the trial went to the other worker once its worker had been silent for
    // the 5 s grace, as the coordinator recorded (by the database's clock), so the study ended long before the
    // timeout could free it (this test's own limit is 300 s). `SKEWTUNE_FIGURES=1` prints both runs' seconds.
    expect(handovers[0].silentSeconds).toBeGreaterThanOrEqual(5);
    expect(handovers[0].silentSeconds).toBeLessThan(900);
    expect(killed.coordinator.stderr()).toMatch(/stopped beating \d+ s ago; handed to another worker/);
    // The study's report says so too, and the unkilled one says nothing of handovers.
    expect(JSON.parse(readFileSync(join(killed.out, 'report.json'), 'utf8')).handovers).toEqual([expect.objectContaining(killed.killedTrial!)]);
    expect(readFileSync(join(killed.out, 'README.md'), 'utf8')).toContain('## Handovers');
    expect(readFileSync(join(plain.out, 'README.md'), 'utf8')).not.toContain('## Handovers');
  }, 300_000);
});
