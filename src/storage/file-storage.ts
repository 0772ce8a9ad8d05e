import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appendHandover, readHandovers } from '../search/handovers.ts';
import { createStudy, journal, readCheckpoint, readStudy } from '../search/journal.ts';
import { makeDirectory } from '../files/make-directory.ts';
import { removeLeftovers } from '../files/write-atomic.ts';
import { lockStudy } from '../search/study-lock.ts';
import type { StudyStorage } from './study-storage.ts';

/**
 * A study in a directory, as the journal has always kept it: `study.json` (the header, and every
 * round once the study is done), `rounds.jsonl`, `trials.jsonl` and `rungs.jsonl` (appended, one
 * fsync a line), `checkpoints/`, `handovers.jsonl` and the `study.lock` of the one process that
 * runs it. It survives any kill of that process, on that machine's disk.
 *
 * @example
 * const storage = fileStorage('runs/s1');
 * const release = await storage.lock(console.warn);
 */
export function fileStorage(dir: string): StudyStorage {
  let record: ((event: Parameters<StudyStorage['record']>[0]) => void) | undefined;
  const storage: StudyStorage = {
    where: dir,
    settingsAt: join(dir, 'study.json'),
    exists: async () => existsSync(join(dir, 'study.json')),
    async create(study) {
      if (existsSync(join(dir, 'study.json'))) return false;
      createStudy(dir, study);
      record = journal(dir, study);
      return true;
    },
    async read(options) {
      const stored = readStudy(dir, options);
      record = journal(dir, stored.study);
      return stored;
    },
    async record(event) {
      if (!record) throw new Error(`${dir}: the study is recorded only once it is created or read`);
      record(event);
    },
    checkpoint: async (trial) => readCheckpoint(dir, trial),
    recordHandover: async (handover) => appendHandover(dir, handover),
    handovers: async () => readHandovers(dir),
    async lock(warn) {
      // Made if need be and held before anything is read (and repaired) or written; then what killed runs left goes.
      makeDirectory(dir);
      const release = lockStudy(dir, warn);
      removeLeftovers(dir);
      return async () => release();
    },
    close: async () => {},
  };
  return storage;
}
