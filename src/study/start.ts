import type { Json } from '../search/space.ts';
import { join } from 'node:path';
import { timer, type Observable } from 'rxjs';
import type { Dataset } from '../data/dataset.ts';
import { InputError } from '../errors.ts';
import { metricRecord } from '../metrics/registry.ts';
import { checkSize } from '../nn/network-size.ts';
import type { SearchEvent } from '../search/events.ts';
import { checkFingerprint, dataFingerprint } from '../search/fingerprint.ts';
import { describeTable } from './data.ts';
import { createStudy, readCheckpoint, type StudyFile } from '../search/journal.ts';
import type { Direction } from '../search/narrowing.ts';
import { search } from '../search/pipeline.ts';
import type { TrialRecord } from '../search/trial.ts';
import { openStudyDirectory } from './directory.ts';
import { executorNamed, type ExecutorOptions, type StartedExecutor } from './executors.ts';
import { budgetSeconds, searchShare } from './budget.ts';
import { prunerOf, settingsJson, type SearchSettings } from './settings.ts';
import { classCounts } from '../data/dataset.ts';
import { decisionJson, fitDefaultsToData, type DataDecision, type OpenDefaults } from './data-defaults.ts';
import { studySampler } from './sampler.ts';
import { taskData, taskOf, type MlpTask } from './task.ts';

/** A study as opened: its settings, directory and journal header, and the trials an earlier run of it recorded. */
export interface OpenedStudy {
  settings: SearchSettings;
  out: string;
  study: StudyFile;
  resumed: TrialRecord[];
  /** Whether its directory is still to be made (a new study, not a resumed one). */
  isNew: boolean;
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
  /** What the data chose for a new study's defaults. */
  decision?: DataDecision;
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
 * executor, then makes (and locks) its directory. The executor starts first, so a database that
 * refuses us leaves nothing behind.
 *
 * @example
 * const run = await startStudy(opened, { spec: 'local', where: '--executor', workers: 2, trialTimeout: undefined, warn: console.warn });
 */
export async function startStudy(opened: OpenedStudy, choice: ExecutorChoice): Promise<StartedStudy> {
  const { out } = opened;
  const fitted = fittedToData(opened);
  const { settings, data } = fitted;
  const task = { ...taskOf(settings), dataHash: data.hash };
  checkHiddenSizes(settings, data.trial.train);
  // Loaded already, so the dataset's files exist and are readable.
  const fingerprint = dataFingerprint(settings.dataset);
  if (!opened.isNew) checkFingerprint(join(out, 'study.json'), settings.dataset, opened.study.fingerprint, fingerprint);
  const table = describeTable(data.splits);
  const study = opened.isNew ? { ...fitted.study, fingerprint, ...(table && { table: JSON.parse(JSON.stringify(table)) as Json }) } : opened.study;
  const executorOptions = { ...choice, study: { id: study.study, space: settings.space, task } };
  const started = await executorNamed(choice.spec)(executorOptions);
  try {
    if (opened.isNew) {
      openStudyDirectory(out, choice.warn);
      createStudy(out, study);
    }
  } catch (error) {
    await started.executor.close();
    throw error;
  }
  return {
    ...opened, settings, study, task, data, direction: metricRecord(settings.metric).direction, started, executorOptions,
    ...(fitted.decision && { decision: fitted.decision }),
  };
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
  return search(settings.space, run.started.executor, {
    rounds: settings.rounds, trials: settings.trials, seed: settings.seed, study: run.study.study, direction: run.direction,
    sampler: studySampler(settings), task: run.task, resumed: run.resumed, stop,
    pruner: prunerOf(settings), checkpointOf: (t) => readCheckpoint(run.out, t),
    ...(settings.budget !== undefined && { budget: timer(budgetSeconds(settings.budget, '--budget') * searchShare * 1000) }),
    ...(trialTimeout !== undefined && { trialTimeout }),
  });
}
