import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudy, journal, readCheckpoint, readStudy, type StudyFile } from '../../src/search/journal.ts';
import type { TrialRecord } from '../../src/search/trial.ts';

const study: StudyFile = { study: 's', seed: 1, config: { rounds: 2 }, rounds: [], status: 'running' };
const trial = (round: number, index: number): TrialRecord => ({
  round, index, seed: 9, params: { lr: 0.1 }, status: 'complete', score: 0.5, last: 0.4, history: [{ score: 0.5 }, { score: 0.4 }], seconds: 1,
});

describe('the journal', () => {
  it('appends ended trials, records each round once, and reads them back', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'journal-')), 'study');
    createStudy(dir, study);
    const write = journal(dir, study);
    write({ type: 'round-started', round: 1, ranges: { lr: { kind: 'uniform', low: 0, high: 1 } }, trials: 2 });
    write({ type: 'trial-finished', trial: trial(1, 1), resumed: false });
    write({ type: 'trial-finished', trial: trial(1, 0), resumed: true });
    write({ type: 'trial-failed', trial: { ...trial(1, 0), status: 'failed', score: null, last: null, error: 'boom' }, resumed: false });
    const back = readStudy(dir);
    expect(back.trials.map((t) => [t.index, t.status])).toEqual([[1, 'complete'], [0, 'failed']]);
    expect(back.study.rounds.map((r) => r.round)).toEqual([1]);
    expect(() => createStudy(dir, study)).toThrow(/already holds a study/);
  });

  it('drops a last line cut short by a kill, and keeps the first of a repeated trial', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    createStudy(dir, study);
    const lines = [trial(1, 0), trial(1, 1), { ...trial(1, 0), score: 0.9 }].map((t) => JSON.stringify(t)).join('\n');
    appendFileSync(join(dir, 'trials.jsonl'), `${lines}\n{"round":1,"ind`);
    const { trials } = readStudy(dir);
    expect(trials.map((t) => [t.index, t.score])).toEqual([[0, 0.5], [1, 0.5]]);
    expect(readFileSync(join(dir, 'trials.jsonl'), 'utf8').endsWith('\n')).toBe(true);
  });

  it('names the file and line of a record that does not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    createStudy(dir, study);
    appendFileSync(join(dir, 'trials.jsonl'), `${JSON.stringify(trial(1, 0))}\nnot json\n`);
    expect(() => readStudy(dir)).toThrow(`${join(dir, 'trials.jsonl')}, line 2: not JSON`);
  });

  it('keeps a trial paused at a rung with its checkpoint, until it ends, and reads back its furthest rung', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    createStudy(dir, study);
    const write = journal(dir, study);
    const paused = (index: number, epochs: number): TrialRecord => ({
      ...trial(1, index), status: 'paused', history: Array.from({ length: epochs }, () => ({ score: 0.5 })), epochs, trained: [[1, epochs]],
    });
    const state = (text: string) => Buffer.from(text).toString('base64');
    write({ type: 'trial-paused', trial: paused(0, 1), checkpoint: state('at 1') });
    write({ type: 'trial-paused', trial: paused(1, 1), checkpoint: state('one at 1') });
    write({ type: 'trial-paused', trial: paused(0, 3), checkpoint: state('at 3') });
    write({ type: 'trial-pruned', trial: { ...paused(1, 1), status: 'pruned' }, resumed: false });
    expect(readdirSync(join(dir, 'checkpoints'))).toEqual(['1-0@3.bin']);
    const back = readStudy(dir).trials;
    expect(back.map((t) => [t.index, t.status, t.epochs])).toEqual([[1, 'pruned', 1], [0, 'paused', 3]]);
    expect(Buffer.from(readCheckpoint(dir, back[1]!)!, 'base64').toString()).toBe('at 3');
    expect(readFileSync(join(dir, 'trials.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    write({ type: 'trial-finished', trial: { ...paused(0, 9), status: 'complete' }, resumed: false });
    expect(readdirSync(join(dir, 'checkpoints'))).toEqual([]);
    expect(readStudy(dir).trials.map((t) => t.status)).toEqual(['pruned', 'complete']);
  });

  it('appends each round of a study of 1,000 one-trial rounds, and writes study.json whole only when it is done', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    createStudy(dir, study);
    const created = readFileSync(join(dir, 'study.json'), 'utf8');
    const write = journal(dir, study);
    const ranges = { lr: { kind: 'uniform' as const, low: 0, high: 1 } };
    for (let round = 1; round <= 1000; round++) {
      write({ type: 'round-started', round, ranges, trials: 1 });
      write({ type: 'trial-finished', trial: trial(round, 0), resumed: false });
    }
    expect(readFileSync(join(dir, 'study.json'), 'utf8')).toBe(created);
    const line = `${JSON.stringify({ round: 1000, ranges })}\n`;
    // Each round is one line, written once: the file is the sum of its lines, not of rewrites.
    expect(statSync(join(dir, 'rounds.jsonl')).size).toBeLessThan(1000 * line.length);
    expect(readStudy(dir).study.rounds.map((r) => r.round)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    write({ type: 'study-done', best: undefined, trials: [], rounds: [], budget: false });
    const done = JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8')) as StudyFile;
    expect([done.status, done.rounds.length, done.rounds[999]]).toEqual(['done', 1000, { round: 1000, ranges }]);
    expect(readStudy(dir).study.rounds).toHaveLength(1000);
  });
});
