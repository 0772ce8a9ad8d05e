// One contract for every StudyStorage: the file journal and the PostgreSQL tables keep a study the same way.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import type { SearchEvent } from '../../src/search/events.ts';
import type { StudyFile } from '../../src/search/journal.ts';
import type { TrialRecord } from '../../src/search/trial.ts';
import { fileStorage } from '../../src/storage/file-storage.ts';
import { sharedStorage } from '../../src/storage/shared-storage.ts';
import type { StudyStorage } from '../../src/storage/study-storage.ts';
import { startPostgres, type TestDatabase } from '../helpers/postgres.ts';

let db: TestDatabase | undefined;
beforeAll(async () => {
  db = await startPostgres();
}, 120_000);
afterAll(() => db?.stop());

let made = 0;
/** Two handles on one new study: as two processes would open it. */
const implementations: [string, () => Promise<[StudyStorage, () => Promise<StudyStorage>]>][] = [
  ['file journal', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'storage-')), 'study');
    return [fileStorage(dir), async () => fileStorage(dir)];
  }],
  ['PostgreSQL', async () => {
    const name = `contract-${++made}`;
    const open = () => sharedStorage(db!.url, name, { graceSeconds: 1, pollMs: 20 });
    return [await open(), open];
  }],
];

const header: StudyFile = {
  study: 'id-1', seed: 7, config: { rounds: 2, trials: 3, metric: 'macroF1' }, sampler: { name: 'narrowing', options: { top: 0.5 } },
  pruner: { name: 'halving', options: { minEpochs: 1, maxEpochs: 9, reduction: 3 } }, rounds: [], status: 'running', fingerprint: '0123456789abcdef',
};
const trial = (round: number, index: number, fields: Partial<TrialRecord> = {}): TrialRecord => ({
  round, index, seed: 100 + index, params: { lr: 0.01 * (index + 1) }, status: 'complete', score: 0.5, last: 0.4,
  history: [{ score: 0.5 }, { score: 0.4 }], seconds: 1.5, ...fields,
});
const paused = (index: number, epochs: number): TrialRecord =>
  trial(1, index, { status: 'paused', history: Array.from({ length: epochs }, (_, e) => ({ score: 0.1 * (e + 1) })), epochs, trained: [[1, epochs]] });
const state = (text: string) => Buffer.from(text).toString('base64');
const ended = (t: TrialRecord, resumed = false): SearchEvent => ({ type: t.status === 'failed' ? 'trial-failed' : t.status === 'pruned' ? 'trial-pruned' : 'trial-finished', trial: t, resumed });

describe.each(implementations)('study storage: %s', (_, open) => {
  it('creates a study once, and reads back its settings, seed, sampler, pruner and fingerprint', async () => {
    const [storage, again] = await open();
    expect(await storage.exists()).toBe(false);
    await expect(storage.read()).rejects.toThrow(InputError);
    expect(await storage.create(header)).toBe(true);
    expect(await storage.exists()).toBe(true);
    const other = await again();
    expect(await other.create({ ...header, study: 'id-2', seed: 8 })).toBe(false);
    expect(await other.read()).toEqual({ study: header, trials: [] });
    await Promise.all([storage.close(), other.close()]);
  });

  it('records ended trials once each (the first record of a trial stands), never resumed ones, and the rounds in order', async () => {
    const [storage, again] = await open();
    await storage.create(header);
    const ranges = { lr: { kind: 'loguniform' as const, low: 1e-4, high: 0.1 } };
    await storage.record({ type: 'round-started', round: 1, ranges, trials: 3 });
    await storage.record(ended(trial(1, 1)));
    await storage.record(ended(trial(1, 0, { status: 'failed', score: null, last: null, error: 'diverged' })));
    await storage.record(ended(trial(1, 2), true));
    await storage.record(ended(trial(1, 1, { score: 0.9 })));
    await storage.record({ type: 'round-started', round: 2, ranges, trials: 3, explanation: { lr: 'kept' } });
    await storage.record({ type: 'round-started', round: 2, ranges: {}, trials: 3 });
    const back = await (await again()).read();
    const byPosition = [...back.trials].sort((a, b) => a.index - b.index);
    expect(byPosition).toEqual([trial(1, 0, { status: 'failed', score: null, last: null, error: 'diverged' }), trial(1, 1)]);
    expect(back.study.rounds).toEqual([{ round: 1, ranges }, { round: 2, ranges, explanation: { lr: 'kept' } }]);
    expect(back.study.status).toBe('running');
    await storage.record({ type: 'study-done', best: undefined, trials: [], rounds: [], budget: false });
    expect((await storage.read()).study).toEqual({ ...header, rounds: back.study.rounds, status: 'done' });
    await storage.close();
  });

  it('keeps the furthest rung of each paused trial with its checkpoint, until the trial ends', async () => {
    const [storage, again] = await open();
    await storage.create(header);
    await storage.record({ type: 'trial-paused', trial: paused(0, 1), checkpoint: state('0 at 1') });
    await storage.record({ type: 'trial-paused', trial: paused(1, 1), checkpoint: state('1 at 1') });
    await storage.record({ type: 'trial-paused', trial: paused(0, 3), checkpoint: state('0 at 3') });
    await storage.record(ended({ ...paused(1, 1), status: 'pruned' }));
    const other = await again();
    const back = (await other.read()).trials;
    expect(back.map((t) => [t.index, t.status, t.epochs])).toEqual([[1, 'pruned', 1], [0, 'paused', 3]]);
    expect(Buffer.from((await other.checkpoint(back[1]!))!, 'base64').toString()).toBe('0 at 3');
    expect(await other.checkpoint(paused(1, 1))).toBeUndefined();
    await storage.record(ended({ ...paused(0, 9), status: 'complete' }));
    const after = (await other.read()).trials.sort((x, y) => x.index - y.index);
    expect(after.map((t) => [t.index, t.status])).toEqual([[0, 'complete'], [1, 'pruned']]);
    expect(await other.checkpoint(paused(0, 3))).toBeUndefined();
    await Promise.all([storage.close(), other.close()]);
  });

  it('records handovers in order', async () => {
    const [storage, again] = await open();
    await storage.create(header);
    const handovers = [
      { round: 1, index: 2, worker: 'a/1', silentSeconds: 21, at: '2026-01-01T00:00:00.000Z' },
      { round: 2, index: 0, worker: 'b/2', silentSeconds: 30, at: '2026-01-01T00:01:00.000Z' },
    ];
    for (const h of handovers) await storage.recordHandover(h);
    expect(await (await again()).handovers()).toEqual(handovers);
    await storage.close();
  });

  it('locks the study: one process a directory, any number of peers in the database', async () => {
    const [storage, again] = await open();
    await storage.create(header);
    const release = await storage.lock(() => undefined);
    const other = await again();
    if (storage.peers) {
      const leave = await other.lock(() => undefined);
      await leave();
    } else {
      await expect(other.lock(() => undefined)).rejects.toThrow(new RegExp(`the study is in use by process ${process.pid}`));
    }
    await release();
    const taken = await other.lock(() => undefined);
    await taken();
    await Promise.all([storage.close(), other.close()]);
  });
});

describe('peers on a PostgreSQL study', () => {
  const job = (index: number, epochs?: number, checkpoint?: string) => ({ study: 'id-1', round: 1, index, seed: 1, params: {}, task: null, ...(epochs && { epochs }), ...(checkpoint && { checkpoint }) });

  it('give a run to one peer; the other reads its steps, with the checkpoint on the last, once stored', async () => {
    const [a, again] = await implementations[1]![1]();
    await a.create(header);
    const b = await again();
    await a.lock(() => undefined);
    await b.lock(() => undefined);
    expect(await a.peers!.claim(job(0, 1))).toBe(true);
    expect(await b.peers!.claim(job(0, 1))).toBe(false);
    expect(await b.peers!.result(job(0, 1))).toBeUndefined();
    await a.record({ type: 'trial-paused', trial: paused(0, 1), checkpoint: state('0 at 1') });
    expect(await b.peers!.result(job(0, 1))).toEqual({ steps: [{ score: 0.1, checkpoint: state('0 at 1') }] });
    // The next run goes on from the checkpoint: only its own steps.
    await a.record(ended({ ...paused(0, 3), status: 'failed', error: 'diverged' }));
    expect(await b.peers!.result(job(0, 3, state('0 at 1')))).toEqual({ steps: [{ score: 0.2 }, { score: 0.30000000000000004 }], error: 'diverged' });
    // A peer that looks late at the first run, the trial taken further since, gets that run's part alone.
    expect(await b.peers!.result(job(0, 1))).toEqual({ steps: [{ score: 0.1, checkpoint: state('0 at 1') }] });
    await Promise.all([a.close(), b.close()]);
  });

  it('take over a run whose holder stopped renewing its claim (killed), once the grace is over', async () => {
    const [a, again] = await implementations[1]![1]();
    await a.create(header);
    const b = await again();
    // A claims without joining: nothing renews its claim, as after a SIGKILL.
    expect(await a.peers!.claim(job(1))).toBe(true);
    expect(await b.peers!.claim(job(1))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await b.peers!.claim(job(1))).toBe(true);
    expect(await a.peers!.claim(job(1))).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });
});
