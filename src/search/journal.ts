import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, renameSync, rmSync, truncateSync, writeFileSync, writeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { readJsonFile } from '../files/json-text.ts';
import type { RoundRanges, SearchEvent } from './events.ts';
import type { Json } from './space.ts';
import type { TrialRecord } from './trial.ts';
import { makeDirectory } from '../files/make-directory.ts';

/**
 * `study.json`: what the study is (its settings as given, seed, the sampler and the pruner with
 * their options), the ranges of every round so far, and how it stands.
 */
export interface StudyFile {
  study: string;
  seed: number;
  config: Json;
  /** The sampler that planned the rounds, with every option (absent in studies made before samplers were recorded: the narrowing one). */
  sampler?: { name: string; options: Json };
  /** The pruner that judged trials at rungs, with its options (absent in studies made before pruners). */
  pruner?: { name: string; options: Json };
  rounds: RoundRanges[];
  status: 'running' | 'done';
  /** The hash of the data the trials train and score on, checked on `--resume` (absent in older studies). */
  fingerprint?: string;
  /** A CSV table's column types, notes (columns dropped, levels merged), scaling and test file (absent for other data). */
  table?: Json;
  /** What the data chose for the settings left to their defaults: metric, space, CV and refit (absent in older studies). */
  defaults?: Json;
}

const studyFile = (dir: string) => join(dir, 'study.json');
const trialsFile = (dir: string) => join(dir, 'trials.jsonl');
/** Trials paused at a rung (under a pruner), one line each time one reaches a rung. */
const rungsFile = (dir: string) => join(dir, 'rungs.jsonl');
/** The rounds of a running study, one line each as it starts; `study.json` gathers them when the study is done. */
const roundsFile = (dir: string) => join(dir, 'rounds.jsonl');
// Named by the epoch too: a kill between a checkpoint and its line in rungs.jsonl leaves the line's own checkpoint in place.
const checkpointName = (t: { round: number; index: number }, epochs: number) => `${t.round}-${t.index}@${epochs}.bin`;

/** Removes a trial's checkpoints but the one named `keep`. */
function dropCheckpoints(dir: string, t: { round: number; index: number }, keep?: string): void {
  const folder = join(dir, 'checkpoints');
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    if (name.startsWith(`${t.round}-${t.index}@`) && name !== keep) rmSync(join(folder, name), { force: true });
  }
}

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
  makeDirectory(dir);
  writeStudy(dir, study);
  writeFileSync(trialsFile(dir), '');
}

const roundSchema = z.object({ round: z.number(), ranges: z.record(z.string(), z.json()), explanation: z.json().optional() });

const studySchema = z.object({
  study: z.string(),
  seed: z.number(),
  config: z.json(),
  sampler: z.object({ name: z.string(), options: z.json() }).optional(),
  pruner: z.object({ name: z.string(), options: z.json() }).optional(),
  rounds: z.array(roundSchema),
  status: z.enum(['running', 'done']),
  fingerprint: z.string().optional(),
  table: z.json().optional(),
});

const trialSchema = z.object({
  round: z.number().int(),
  index: z.number().int(),
  seed: z.number().int(),
  params: z.record(z.string(), z.json()),
  status: z.enum(['complete', 'failed', 'pruned', 'paused']),
  score: z.number().nullable(),
  last: z.number().nullable(),
  history: z.array(z.looseObject({ score: z.number() })),
  seconds: z.number(),
  epochs: z.number().int().optional(),
  trained: z.array(z.tuple([z.number().int(), z.number().int()])).optional(),
  error: z.string().optional(),
});

/** The records of a JSON-lines file, each checked; a last line cut short by a kill is dropped (and, with `repair`, cut from the file). */
function readLines<T>(file: string, schema: z.ZodType<T>, repair: boolean): T[] {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length < text.length && repair) truncateSync(file, Buffer.byteLength(complete));
  return complete.split('\n').flatMap((line, i) => {
    if (line === '') return [];
    let parsed;
    try {
      parsed = schema.safeParse(JSON.parse(line));
    } catch {
      throw new InputError(`${file}, line ${i + 1}: not JSON`);
    }
    if (!parsed.success) throw new InputError(`${file}, line ${i + 1}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    return [parsed.data];
  });
}

// The schema checks the fields the engine reads; the steps' other figures are JSON as written.
const readTrials = (file: string, repair: boolean) => readLines(file, trialSchema, repair) as TrialRecord[];

/**
 * Reads a study back to resume it: its `study.json` (with the rounds `rounds.jsonl` recorded since), every trial `trials.jsonl` recorded, and
 * (under a pruner) the furthest rung `rungs.jsonl` recorded of each trial not yet ended.
 * A last line cut short by a kill is dropped (and, with `repair`, the default, cut from the
 * file), as if that trial never got there; a repeated (round, index) keeps its first record.
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
  const repair = options.repair ?? true;
  const key = (t: TrialRecord) => `${t.round}/${t.index}`;
  const ended = new Map<string, TrialRecord>();
  for (const t of readTrials(trialsFile(dir), repair)) if (!ended.has(key(t))) ended.set(key(t), t);
  const paused = new Map<string, TrialRecord>();
  for (const t of readTrials(rungsFile(dir), repair)) if (!ended.has(key(t))) paused.set(key(t), t);
  const recorded = study.data as StudyFile;
  const rounds = [...recorded.rounds];
  for (const r of readLines(roundsFile(dir), roundSchema, repair)) if (!rounds.some((was) => was.round === r.round)) rounds.push(r as RoundRanges);
  return { study: { ...recorded, rounds }, trials: [...ended.values(), ...paused.values()] };
}

/**
 * The checkpoint (base64) a paused trial of the study in `dir` stopped with, if it is there.
 *
 * @example
 * search(space, executor, { ...options, resumed: trials, checkpointOf: (t) => readCheckpoint(dir, t) });
 */
export function readCheckpoint(dir: string, trial: TrialRecord): string | undefined {
  const file = join(dir, 'checkpoints', checkpointName(trial, trial.history.length));
  return existsSync(file) ? readFileSync(file).toString('base64') : undefined;
}

function append(path: string, line: string): void {
  // One write and an fsync per trial: a kill loses at most the trial running then.
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
 * resumed from the file) to `trials.jsonl`, and each that pauses at a rung to `rungs.jsonl`
 * after its checkpoint to `checkpoints/ROUND-INDEX@EPOCHS.bin` (so a line there always has its
 * checkpoint; older ones go, and all go once the trial ends); appends each round's ranges to
 * `rounds.jsonl`; and, when the study is done, writes `study.json` with every round, marked done.
 *
 * @example
 * search(space, executor, options).pipe(tap(journal(dir, study))).subscribe();
 */
export function journal(dir: string, study: StudyFile): (event: SearchEvent) => void {
  let current = study;
  return (event) => {
    if ((event.type === 'trial-finished' || event.type === 'trial-failed' || event.type === 'trial-pruned') && !event.resumed) {
      append(trialsFile(dir), `${JSON.stringify(event.trial)}\n`);
      dropCheckpoints(dir, event.trial);
    } else if (event.type === 'trial-paused') {
      const name = checkpointName(event.trial, event.trial.history.length);
      if (event.checkpoint !== undefined) {
        makeDirectory(join(dir, 'checkpoints'));
        // Written aside and renamed: a kill never leaves half a checkpoint.
        writeFileSync(join(dir, 'checkpoints', `${name}.tmp`), Buffer.from(event.checkpoint, 'base64'));
        renameSync(join(dir, 'checkpoints', `${name}.tmp`), join(dir, 'checkpoints', name));
      }
      append(rungsFile(dir), `${JSON.stringify(event.trial)}\n`);
      dropCheckpoints(dir, event.trial, name);
    } else if (event.type === 'round-started' && !current.rounds.some((r) => r.round === event.round)) {
      const round: RoundRanges = { round: event.round, ranges: event.ranges, ...(event.explanation !== undefined && { explanation: event.explanation }) };
      current = { ...current, rounds: [...current.rounds, round] };
      // Appended, not rewritten: a study of a thousand short rounds writes each round once.
      append(roundsFile(dir), `${JSON.stringify(round)}\n`);
    } else if (event.type === 'study-done') {
      current = { ...current, status: 'done' };
      writeStudy(dir, current);
    }
  };
}
