import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, renameSync, rmSync, truncateSync, writeFileSync, writeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { readJsonFile } from './json-text.ts';
import type { RoundRanges, SearchEvent } from './events.ts';
import type { Json } from './space.ts';
import type { TrialRecord } from './trial.ts';

/** `study.json`: what the study is (its settings as given, seed), the ranges of every round so far, and how it stands. */
export interface StudyFile {
  study: string;
  seed: number;
  config: Json;
  rounds: RoundRanges[];
  status: 'running' | 'done';
  /** The hash of the data the trials train and score on, checked on `--resume` (absent in older studies). */
  fingerprint?: string;
}

const studyFile = (dir: string) => join(dir, 'study.json');
const trialsFile = (dir: string) => join(dir, 'trials.jsonl');

function writeStudy(dir: string, study: StudyFile): void {
  // Written aside and renamed, so a kill mid-write never leaves half a study.json.
  // The pid in the name lets a later run tell a leftover of a dead process (see removeLeftovers).
  const temporary = `${studyFile(dir)}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(study, null, 2)}\n`);
    renameSync(temporary, studyFile(dir));
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Starts a study directory with its `study.json`; refuses one that already holds a study.
 *
 * @example
 * createStudy('runs/s1', { study: 's1', seed: 7, config: { rounds: 3 }, rounds: [], status: 'running' });
 */
export function createStudy(dir: string, study: StudyFile): void {
  if (existsSync(studyFile(dir))) {
    throw new InputError(`${dir} already holds a study (study.json); continue it with --resume or choose another --out`);
  }
  mkdirSync(dir, { recursive: true });
  writeStudy(dir, study);
  writeFileSync(trialsFile(dir), '');
}

const studySchema = z.object({
  study: z.string(),
  seed: z.number(),
  config: z.json(),
  rounds: z.array(z.object({ round: z.number(), ranges: z.record(z.string(), z.json()) })),
  status: z.enum(['running', 'done']),
  fingerprint: z.string().optional(),
});

const trialSchema = z.object({
  round: z.number().int(),
  index: z.number().int(),
  seed: z.number().int(),
  params: z.record(z.string(), z.json()),
  status: z.enum(['complete', 'failed']),
  score: z.number().nullable(),
  last: z.number().nullable(),
  history: z.array(z.looseObject({ score: z.number() })),
  seconds: z.number(),
  error: z.string().optional(),
});

/**
 * Reads a study back to resume it: its `study.json` and every trial `trials.jsonl` recorded.
 * A last line cut short by a kill is dropped (and, with `repair`, the default, cut from the
 * file), as if that trial never finished; a repeated (round, index) keeps its first record.
 * A reader that must not write (a report of a study that may still be running) passes
 * `{ repair: false }`.
 *
 * @example
 * const { study, trials } = readStudy('runs/s1');
 */
export function readStudy(dir: string, options: { repair?: boolean } = {}): { study: StudyFile; trials: TrialRecord[] } {
  if (!existsSync(studyFile(dir))) throw new InputError(`${studyFile(dir)}: no study to resume there`);
  const json = readJsonFile(studyFile(dir), 'a study file');
  const study = studySchema.safeParse(json);
  if (!study.success) throw new InputError(`${studyFile(dir)}: ${study.error.issues[0]!.path.join('.')}: ${study.error.issues[0]!.message}`);
  const text = existsSync(trialsFile(dir)) ? readFileSync(trialsFile(dir), 'utf8') : '';
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length < text.length && (options.repair ?? true)) truncateSync(trialsFile(dir), Buffer.byteLength(complete));
  const seen = new Set<string>();
  const trials = complete.split('\n').flatMap((line, i) => {
    if (line === '') return [];
    let parsed;
    try {
      parsed = trialSchema.safeParse(JSON.parse(line));
    } catch {
      throw new InputError(`${trialsFile(dir)}, line ${i + 1}: not JSON`);
    }
    if (!parsed.success) throw new InputError(`${trialsFile(dir)}, line ${i + 1}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    const key = `${parsed.data.round}/${parsed.data.index}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [parsed.data as TrialRecord];
  });
  return { study: study.data as StudyFile, trials };
}

function append(dir: string, line: string): void {
  // One write and an fsync per trial: a kill loses at most the trial running then.
  const path = trialsFile(dir);
  const fd = openSync(path, 'a');
  const size = fstatSync(fd).size;
  try {
    writeSync(fd, line);
    fsyncSync(fd);
  } catch (error) {
    // A full disk may have taken part of the line: cut it, so the journal stays whole lines.
    try {
      ftruncateSync(fd, size);
    } catch {
      // The next read drops a torn last line anyway (see readStudy).
    }
    throw Object.assign(error as Error, { path: (error as { path?: string }).path ?? path });
  } finally {
    closeSync(fd);
  }
}

/**
 * The journal as a subscriber of the search's events: appends each trial that ends (not those
 * resumed from the file), records each round's ranges in `study.json`, and marks it done.
 *
 * @example
 * search(space, executor, options).pipe(tap(journal(dir, study))).subscribe();
 */
export function journal(dir: string, study: StudyFile): (event: SearchEvent) => void {
  let current = study;
  return (event) => {
    if ((event.type === 'trial-finished' || event.type === 'trial-failed') && !event.resumed) {
      append(dir, `${JSON.stringify(event.trial)}\n`);
    } else if (event.type === 'round-started' && !current.rounds.some((r) => r.round === event.round)) {
      current = { ...current, rounds: [...current.rounds, { round: event.round, ranges: event.ranges }] };
      writeStudy(dir, current);
    } else if (event.type === 'study-done') {
      current = { ...current, status: 'done' };
      writeStudy(dir, current);
    }
  };
}
