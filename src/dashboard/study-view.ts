import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyReport } from '../report/study-types.ts';
import { parseHyperparameter } from '../search/space-json.ts';
import type { Json, Params, Space } from '../search/space.ts';
import { readRungs, type ViewRung } from './rungs.ts';
import { fileText } from './files.ts';

/**
 * One trial as the dashboard shows it. `status` is whatever the journal says ('complete',
 * 'failed', 'pruned', …): the page counts and filters states it does not know as well.
 */
export interface ViewTrial {
  round: number;
  index: number;
  seed: number | null;
  params: Params;
  status: string;
  score: number | null;
  seconds: number | null;
  error: string | null;
  /** Each epoch's validation score and training accuracy (null where not a finite number). */
  curve: { epoch: number; score: number | null; trainAccuracy: number | null }[];
  /** Fields of the journal line the dashboard has no column for (a pruned trial's epoch, say), shown on the trial page. */
  extra: Record<string, Json>;
  /** The rungs it waited at under a pruner (`rungs.jsonl`), in order; empty without one. */
  rungs: ViewRung[];
}

/** A study as the dashboard shows it, read from its journal (live) or from its report.json (finished). */
export interface StudyView {
  state: 'running' | 'done';
  /** The validation metric trials are scored by. */
  metric: string;
  /** The dataset's class labels, when a report names them. */
  classes: string[] | null;
  /** What the study records of how it runs (its settings as given, seed, sampler, …), each as text. */
  settings: Record<string, string>;
  rounds: { round: number; ranges: Space }[];
  /** In the order they finished (the journal's); a report's in study order. */
  trials: ViewTrial[];
  /** Lines of the journal that could not be read (a torn last line is not counted: it is still being written). */
  unreadable: number;
  /** When study.json was written first and when the journal last changed (ISO), if known. */
  started: string | null;
  updated: string | null;
}

type Line = Record<string, Json>;

const isRecord = (v: unknown): v is Line => typeof v === 'object' && v !== null && !Array.isArray(v);
const numberOr = (v: Json | undefined, fallback: number | null) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const known = new Set(['round', 'index', 'seed', 'params', 'status', 'score', 'last', 'history', 'seconds', 'error']);

/** A journal line as a trial, or undefined when it lacks what every trial has (round, index, status). */
function trialOf(line: Line): ViewTrial | undefined {
  const { round, index, status } = line;
  if (typeof round !== 'number' || typeof index !== 'number' || typeof status !== 'string') return undefined;
  const history = Array.isArray(line.history) ? line.history.filter(isRecord) : [];
  return {
    round, index, status,
    seed: numberOr(line.seed, null),
    params: isRecord(line.params) ? line.params : {},
    score: numberOr(line.score, null),
    seconds: numberOr(line.seconds, null),
    error: typeof line.error === 'string' ? line.error : null,
    curve: history.map((step, i) => ({
      epoch: numberOr(step.epoch, i + 1)!, score: numberOr(step.score, null), trainAccuracy: numberOr(step.trainAccuracy, null),
    })),
    extra: Object.fromEntries(Object.entries(line).filter(([key]) => !known.has(key))),
    rungs: [],
  };
}

/**
 * The trials of a `trials.jsonl` text. A last line without its newline is being written (or
 * was cut by a kill): it is left out, silently. Other lines that do not parse are counted.
 *
 * @example
 * readTrials('{"round":1,"index":0,"status":"complete","score":0.9}\n{"round":1,"ind').trials.length; // 1
 */
export function readTrials(text: string): { trials: ViewTrial[]; unreadable: number } {
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  const trials: ViewTrial[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  for (const line of whole.split('\n')) {
    if (line.trim() === '') continue;
    let trial: ViewTrial | undefined;
    try {
      const json: unknown = JSON.parse(line);
      trial = isRecord(json) ? trialOf(json) : undefined;
    } catch {
      trial = undefined;
    }
    if (!trial) unreadable++;
    // A trial recorded twice (a resumed run repeating it) counts once, its first record, as readStudy does.
    else if (!seen.has(`${trial.round}/${trial.index}`)) {
      seen.add(`${trial.round}/${trial.index}`);
      trials.push(trial);
    }
  }
  return { trials, unreadable };
}

/** Ranges as recorded, each checked to be a hyperparameter (a malformed one is left out rather than drawn wrong). */
function rangesOf(json: unknown): Space {
  if (!isRecord(json)) return {};
  return Object.fromEntries(Object.entries(json).flatMap(([name, hp]) => {
    try {
      return [[name, parseHyperparameter(hp, name)]];
    } catch {
      return [];
    }
  }));
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(fileText(path) ?? '');
  } catch {
    return undefined;
  }
}

/** The rounds study.json holds, then those a running study appended to rounds.jsonl since; a torn or repeated line is left out. */
function roundsOf(dir: string, recorded: unknown): { round: number; ranges: Space }[] {
  const lines = (fileText(join(dir, 'rounds.jsonl')) ?? '').split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      return [];
    }
  });
  const rounds = new Map<number, Space>();
  for (const r of [...(Array.isArray(recorded) ? recorded : []), ...lines]) {
    if (isRecord(r) && typeof r.round === 'number' && !rounds.has(r.round)) rounds.set(r.round, rangesOf(r.ranges));
  }
  return [...rounds].map(([round, ranges]) => ({ round, ranges }));
}

const text = (v: Json) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Settings as text, one entry per field; a nested object (a sampler and its options) stays one entry. */
const settingsOf = (fields: Line): Record<string, string> => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, text(v)]));

const mtime = (path: string) => (existsSync(path) ? statSync(path).mtime.toISOString() : null);

/**
 * A study directory's journal (study.json and trials.jsonl) as a view; undefined when study.json
 * is missing or unreadable. It only reads: a torn last line stays in the file (the search is writing it).
 *
 * @example
 * journalView('runs/study')?.state; // 'running'
 */
export function journalView(dir: string): StudyView | undefined {
  const study = readJson(join(dir, 'study.json'));
  if (!isRecord(study)) return undefined;
  const trialsPath = join(dir, 'trials.jsonl');
  const { trials: ended, unreadable } = readTrials(fileText(trialsPath) ?? '');
  const rungsPath = join(dir, 'rungs.jsonl');
  const rungs = readRungs(fileText(rungsPath) ?? '');
  const trials = ended.map((t) => ({ ...t, rungs: rungs.get(`${t.round}/${t.index}`) ?? [] }));
  const config = isRecord(study.config) ? study.config : {};
  // trials.jsonl is made with the study and only appended to; study.json is replaced when the study ends.
  const stat = statSync(existsSync(trialsPath) ? trialsPath : join(dir, 'study.json'));
  return {
    state: study.status === 'done' ? 'done' : 'running',
    metric: typeof config.metric === 'string' ? config.metric : 'accuracy',
    classes: null,
    // Whatever else study.json records beside its config, rounds and state (a sampler, say) is shown too.
    // The space itself (config.params) is the first round's ranges, shown in their own table.
    settings: settingsOf({
      ...Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'params')), ...(typeof study.seed === 'number' && { seed: study.seed }),
      ...Object.fromEntries(Object.entries(study).filter(([k]) => !['study', 'seed', 'config', 'rounds', 'status'].includes(k))),
    }),
    rounds: roundsOf(dir, study.rounds),
    trials,
    unreadable,
    started: (stat.birthtimeMs > 0 ? stat.birthtime : stat.ctime).toISOString(),
    updated: mtime(trialsPath),
  };
}

/**
 * A finished study's report.json as a view (a study run before journals, or one whose journal was not kept).
 *
 * @example
 * reportView('reports/search-study', report).trials.length; // 36
 */
export function reportView(dir: string, report: StudyReport): StudyView {
  return {
    state: 'done',
    metric: report.settings.metric,
    classes: report.dataset.classes,
    settings: settingsOf({ ...report.settings, dataset: report.dataset.name, ...(report.dataset.imbalance !== null && { imbalance: report.dataset.imbalance }) }),
    rounds: report.rounds.map((r) => ({ round: r.round, ranges: rangesOf(r.ranges) })),
    trials: report.trials.map((t) => ({
      round: t.round, index: t.index, seed: t.seed, params: t.params, status: t.status, score: t.score,
      seconds: null, error: t.error, curve: t.curve, extra: t.strategy === null ? {} : { strategy: t.strategy } as Record<string, Json>, rungs: [],
    })),
    unreadable: 0,
    started: null,
    updated: mtime(join(dir, 'report.json')),
  };
}
