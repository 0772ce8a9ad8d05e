import type { Json } from '../search/space.ts';
import { timer, type Observable } from 'rxjs';
import type { Dataset } from '../data/dataset.ts';
import { InputError } from '../errors.ts';
import { metricRecord } from '../metrics/registry.ts';
import { checkSize } from '../nn/network-size.ts';
import type { SearchEvent } from '../search/events.ts';
import { checkFingerprint, dataFingerprint } from '../search/fingerprint.ts';
import { describeTable } from './data.ts';
import type { StudyFile } from '../search/journal.ts';
import type { Direction } from '../search/narrowing.ts';
import { search } from '../search/pipeline.ts';
import { isEnded, type TrialRecord } from '../search/trial.ts';
import { peerExecutor } from '../storage/peer-executor.ts';
import type { StudyStorage } from '../storage/study-storage.ts';
import { executorNamed, type ExecutorOptions, type StartedExecutor } from './executors.ts';
import { budgetSeconds, searchShare } from './budget.ts';
import { checkSameSettings } from './same-settings.ts';
import { prunerOf, settingsJson, type SearchSettings } from './settings.ts';
import { classCounts } from '../data/dataset.ts';
import { decisionJson, fitDefaultsToData, type DataDecision, type OpenDefaults } from './data-defaults.ts';
import { studySampler } from './sampler.ts';
import { taskData, taskOf, type MlpTask } from './task.ts';

/** A study as opened: its settings, where it is stored, its report directory and header, and the trials an earlier run of it (or a peer) recorded. */
export interface OpenedStudy {
  settings: SearchSettings;
  /** Where the report and the model are written (with the file storage, the study's directory too). */
  out: string;
  storage: StudyStorage;
  study: StudyFile;
  resumed: TrialRecord[];
  /** Whether it is still to be created in its storage (a new study, not a resumed or joined one). */
  isNew: boolean;
  /** Told of a stale lock taken over. */
  warn(text: string): void;
  /** The settings a new study left to their defaults, which its data may choose (see `fitDefaultsToData`). */
  open?: OpenDefaults;
}

/** Where a study's trials run (see `executorNamed`), and who hears of trouble the executor rides out. */
export type ExecutorChoice = Omit<ExecutorOptions, 'study'>;

/** A study whose data are loaded and whose executor is running. */
export interface StartedStudy extends OpenedStudy {
  /** The task every job carries, with the hash of the data this process loaded. */
  task: MlpTask;
  data: ReturnType<typeof taskData>;
  /** Which way its metric is better. */
  direction: Direction;
  started: StartedExecutor;
  /** What started the executor: the honesty check starts a local one from it when trials ran elsewhere. */
  executorOptions: ExecutorOptions;
  /** The checkpoints the resumed trials paused at a rung stopped with, by `checkpointKey`. */
  checkpoints: ReadonlyMap<string, string>;
  /** What the data chose for a new study's defaults. */
  decision?: DataDecision;
}

const checkpointKey = (t: TrialRecord) => `${t.round}/${t.index}@${t.history.length}`;

/** The checkpoints of the resumed trials paused at a rung, read from the storage before the search needs them. */
async function pausedCheckpoints(storage: StudyStorage, resumed: readonly TrialRecord[]): Promise<Map<string, string>> {
  const found = await Promise.all(resumed.filter((t) => !isEnded(t)).map(async (t) => [checkpointKey(t), await storage.checkpoint(t)] as const));
  return new Map(found.flatMap(([key, checkpoint]) => (checkpoint === undefined ? [] : [[key, checkpoint] as const])));
}

/** A new study's settings fitted to its data (see `fitDefaultsToData`), with the data reloaded when the trials' rows changed. */
function fittedToData(opened: OpenedStudy) {
  const first = taskData(taskOf(opened.settings));
  if (!opened.isNew || !opened.open) return { settings: opened.settings, data: first, study: opened.study };
  const { splits } = first;
  const facts = { trainCounts: classCounts(splits.train), rows: splits.train.y.length + splits.validation.y.length, testFile: opened.settings.test !== undefined };
  const { settings, decision } = fitDefaultsToData(opened.settings, facts, opened.open);
  const data = settings.refit === opened.settings.refit ? first : taskData(taskOf(settings));
  const { name, options } = prunerOf(settings);
  const study = { ...opened.study, config: settingsJson(settings), pruner: { name, options }, defaults: decisionJson(decision) };
  return { settings, data, decision, study };
}

/**
 * Starts an opened study: loads its data, checks a resumed study's data fingerprint, starts its
 * executor, then creates the study in its storage (locking it). The executor starts first, so a
 * database that refuses us leaves nothing behind. A study a peer created first is joined.
 *
 * @example
 * const run = await startStudy(opened, { spec: 'local', where: '--executor', workers: 2, trialTimeout: undefined, warn: console.warn });
 */
export async function startStudy(given: OpenedStudy, choice: ExecutorChoice): Promise<StartedStudy> {
  const { storage } = given;
  const fitted = fittedToData(given);
  const { settings, data } = fitted;
  const task = { ...taskOf(settings), dataHash: data.hash };
  checkHiddenSizes(settings, data.trial.train);
  // Loaded already, so the dataset's files exist and are readable.
  const fingerprint = dataFingerprint(settings.dataset);
  const table = describeTable(data.splits);
  const header = given.isNew ? { ...fitted.study, fingerprint, ...(table && { table: JSON.parse(JSON.stringify(table)) as Json }) } : given.study;
  const fittedGiven = { ...given, settings, study: header };
  // A shared study is created (or joined) first: the jobs must carry the id of the study peers run.
  const shared = given.isNew && storage.peers !== undefined;
  let opened = shared ? await createOrJoin(fittedGiven, header) : fittedGiven;
  const executorOptions = { ...choice, study: { id: opened.study.study, space: settings.space, task } };
  const started = await executorNamed(choice.spec)(executorOptions);
  try {
    if (given.isNew && !shared) opened = await createOrJoin(fittedGiven, header);
    if (!opened.isNew) checkFingerprint(storage.settingsAt, settings.dataset, opened.study.fingerprint, fingerprint);
    const checkpoints = await pausedCheckpoints(storage, opened.resumed);
    return {
      ...opened, task, data, direction: metricRecord(settings.metric).direction, started, executorOptions, checkpoints,
      ...(fitted.decision && { decision: fitted.decision }),
    };
  } catch (error) {
    await started.executor.close();
    throw error;
  }
}

/** Locks the storage and creates the study there; one a peer created first is joined, if its settings are ours. */
async function createOrJoin(given: OpenedStudy, header: StudyFile): Promise<OpenedStudy> {
  await given.storage.lock(given.warn);
  if (await given.storage.create(header)) return { ...given, study: header };
  if (!given.storage.peers) throw new InputError(`${given.storage.where} already holds a study (study.json); continue it with --resume or choose another --out`);
  return joined(given);
}

/** A study a peer created between our look and our create: joined, if its settings are ours. */
async function joined(given: OpenedStudy): Promise<OpenedStudy> {
  const { study, trials } = await given.storage.read();
  checkSameSettings(given.storage.where, study.config, given.study.config);
  return { ...given, study, resumed: trials, isNew: false };
}

/**
 * Refuses, before any trial runs, a space whose hidden-layer choices make a network too large for
 * memory on these data (see `checkSize`), counting the final model's `ensemble` networks together:
 * otherwise every trial drawing it would fail alike, or the final training after them all.
 */
function checkHiddenSizes(settings: SearchSettings, train: Dataset): void {
  const hidden = settings.space.hidden;
  if (hidden?.kind !== 'choice') return;
  for (const value of hidden.values) {
    if (!Array.isArray(value)) continue;
    try {
      checkSize(train, { hidden: value as number[], batchSize: 1 }, settings.ensemble);
    } catch (error) {
      throw new InputError(`params.hidden: ${(error as Error).message}`);
    }
  }
}

/**
 * The search of a started study (see `search`): its rounds, trials, seed, direction, sampler,
 * pruner and budget (its `searchShare`: the final training gets the rest), skipping the trials it resumed and picking up those it paused at a rung
 * from their checkpoints. `stop` ends the dispatching of trials.
 *
 * @example
 * studySearch(run, stop).subscribe((event) => record(event));
 */
export function studySearch(run: StartedStudy, stop: Observable<void>): Observable<SearchEvent> {
  const { settings } = run;
  const { trialTimeout } = run.started;
  // Peers divide the trials between them; the honesty check after the search runs on this machine's executor alone.
  const executor = run.storage.peers ? peerExecutor(run.storage.peers, run.started.executor) : run.started.executor;
  return search(settings.space, executor, {
    rounds: settings.rounds, trials: settings.trials, seed: settings.seed, study: run.study.study, direction: run.direction,
    sampler: studySampler(settings), task: run.task, resumed: run.resumed, stop,
    pruner: prunerOf(settings), checkpointOf: (t) => run.checkpoints.get(checkpointKey(t)),
    ...(settings.budget !== undefined && { budget: timer(budgetSeconds(settings.budget, '--budget') * searchShare * 1000) }),
    ...(trialTimeout !== undefined && { trialTimeout }),
  });
}
