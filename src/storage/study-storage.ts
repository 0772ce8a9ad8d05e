import type { SearchEvent } from '../search/events.ts';
import type { TrialJob } from '../search/executor.ts';
import type { Handover } from '../search/handovers.ts';
import type { StudyFile } from '../search/journal.ts';
import type { Step } from '../search/objective.ts';
import type { TrialRecord } from '../search/trial.ts';

/** A study as its storage holds it: its header and rounds, every ended trial, and the furthest rung of each paused one. */
export interface StoredStudy {
  study: StudyFile;
  trials: TrialRecord[];
}

/**
 * Where a study's state lives between and across processes, as Optuna's storages: its settings,
 * seed, sampler, pruner and data fingerprint (the header), the ranges of each round, the trials
 * that ended, the rungs paused trials reached with their checkpoints, the trials handed to
 * another worker, and who is running it. The search's events go in through `record`; a resumed
 * or joined study comes back out through `read`. Every implementation passes one contract suite
 * (test/storage/contract.test.ts).
 *
 * @example
 * const storage = fileStorage('runs/s1');
 * if (await storage.create(header)) search(space, executor, options).subscribe((e) => storage.record(e));
 */
export interface StudyStorage {
  /** The study's place, for messages: a directory, or a database and study name (never a password). */
  readonly where: string;
  /** Where its settings are, for messages about them: `study.json` in the directory, or the study in the database. */
  readonly settingsAt: string;
  /** Whether the study exists there yet. */
  exists(): Promise<boolean>;
  /** Starts the study with its header; false (and nothing written) when a study is already there. */
  create(study: StudyFile): Promise<boolean>;
  /** The study as stored; an `InputError` when there is none. `repair: false` for readers that must not write. */
  read(options?: { repair?: boolean }): Promise<StoredStudy>;
  /**
   * Records one event of the search: trials that end (not resumed ones), trials paused at a rung
   * with their checkpoint, rounds as they start, the study's end. The write starts at once (a file
   * study's is done when the call returns), and writes land in the order of the calls.
   */
  record(event: SearchEvent): Promise<void>;
  /** The checkpoint (base64) a paused trial stopped with at its rung, if it is stored. */
  checkpoint(trial: TrialRecord): Promise<string | undefined>;
  recordHandover(handover: Handover): Promise<void>;
  /** The handovers recorded, in order. */
  handovers(): Promise<Handover[]>;
  /**
   * Joins the study as a running process; the function given back leaves it. A file study takes
   * one process at a time (a second is an `InputError` naming the holder); a shared one takes peers.
   */
  lock(warn: (text: string) => void): Promise<() => Promise<void>>;
  /** Set when peers share the study: how they divide its trials between them. */
  readonly peers?: PeerTrials;
  close(): Promise<void>;
}

/** A run of a trial (to a rung) as a peer stored it: the steps it gave, a checkpoint on the last when it paused with one, and the error it failed with. */
export interface StoredRun {
  steps: Step[];
  error?: string;
}

/**
 * How peers on one study divide its trials: each run of a trial (to a rung) is claimed by one
 * peer, which runs it; the others read its outcome from the storage. A claim whose holder stops
 * renewing it (a killed process) lapses, and the next peer to ask takes the run over.
 */
export interface PeerTrials {
  /** The run's outcome once stored: the steps of this run (all of them when the job has no checkpoint to go on from). */
  result(job: TrialJob): Promise<StoredRun | undefined>;
  /** Claims the run for this process: true when it was free, lapsed or already ours. */
  claim(job: TrialJob): Promise<boolean>;
  /** Gives up a claimed run that was abandoned before it ended, so a peer takes it at once. */
  release(job: TrialJob): Promise<void>;
  /** Milliseconds between looks at a run another peer holds. */
  readonly pollMs: number;
}
