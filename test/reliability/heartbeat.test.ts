// A dead worker is noticed by its silence: coordinator + two PostgreSQL workers, one SIGKILLed
// mid-trial, the default --trial-timeout (15 minutes): the study still ends about as soon as an
// unkilled one, with the same trials, and records the handover.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';
import { killAll, skewtune, type SkewtuneProcess } from '../helpers/processes.ts';

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

async function distributedRun(kill: boolean): Promise<{ out: string; seconds: number; coordinator: SkewtuneProcess; killedTrial?: { round: number; index: number } }> {
  // The second worker prints its log on stderr and one JSON object on stdout when stopped.
  const workers = [0, 1].map((i) => skewtune(['worker', '--connect', db.url, '--concurrency', '1', ...(i === 1 ? ['--json'] : [])]));
  await Promise.all(workers.map((w, i) => w.waitFor(/taking trials from/, { stream: i === 1 ? 'stderr' : 'stdout' })));
  const out = join(mkdtempSync(join(tmpdir(), 'heartbeat-')), 'study');
  const started = performance.now();
  const coordinator = skewtune([...args, '--executor', db.url, '--heartbeat-grace', '5', '--out', out]);
  let killedTrial;
  if (kill) {
    const [, round, index] = await workers[0]!.waitFor(/round (\d+) trial (\d+): started/);
    workers[0]!.signal('SIGKILL');
    killedTrial = { round: Number(round), index: Number(index) };
  }
  expect(await coordinator.exited, coordinator.stderr()).toBe(0);
  const seconds = (performance.now() - started) / 1000;
  workers[0]!.signal('SIGKILL');
  workers[1]!.signal('SIGTERM');
  expect(await workers[1]!.exited).toBe(0);
  const summary = JSON.parse(workers[1]!.stdout());
  expect(summary).toMatchObject({ worker: expect.stringMatching(/\/\d+$/), database: db.url.replace(':skewtune-test', '') });
  expect(summary.trials.complete).toBeGreaterThanOrEqual(kill ? 4 : 1);
  if (process.env.SKEWTUNE_FIGURES) process.stderr.write(`heartbeat test: ${kill ? 'one worker killed' : 'unkilled'}: ${seconds.toFixed(1)} s\n`);
  return { out, seconds, coordinator, ...(killedTrial && { killedTrial }) };
}

describe('heartbeats of distributed trials', () => {
  it('a trial whose worker was SIGKILLed goes to the other worker within the grace, not the trial timeout', async () => {
    const plain = await distributedRun(false);
    const killed = await distributedRun(true);
    expect(results(killed.out)).toEqual(results(plain.out));
    // The default trial timeout is 900 s; the handover comes after the 5 s grace.
    expect(killed.seconds).toBeLessThan(plain.seconds + 90);
    const handovers = readFileSync(join(killed.out, 'handovers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(handovers).toHaveLength(1);
    expect(handovers[0]).toMatchObject({ ...killed.killedTrial, worker: expect.stringMatching(/\/\d+$/) });
    expect(killed.coordinator.stderr()).toMatch(/stopped beating \d+ s ago; handed to another worker/);
    // The study's report says so too, and the unkilled one says nothing of handovers.
    expect(JSON.parse(readFileSync(join(killed.out, 'report.json'), 'utf8')).handovers).toEqual([expect.objectContaining(killed.killedTrial!)]);
    expect(readFileSync(join(killed.out, 'README.md'), 'utf8')).toContain('## Handovers');
    expect(readFileSync(join(plain.out, 'README.md'), 'utf8')).not.toContain('## Handovers');
  }, 300_000);
});
