import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ComparisonReport } from '../report/comparison.ts';
import type { StudyReport } from '../report/study-types.ts';
import { fileText } from './files.ts';
import { journalView, reportView, type StudyView } from './study-view.ts';

/** A study or comparison directory the dashboard serves, under a URL-safe id. */
export interface Entry {
  id: string;
  kind: 'study' | 'comparison';
  /** The directory, symlinks resolved: the only place files of this entry are read from. */
  dir: string;
}

function reportJson(dir: string): { kind?: unknown } | undefined {
  const text = fileText(join(dir, 'report.json'));
  if (text === undefined) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null ? json : undefined;
  } catch {
    return undefined;
  }
}

/** What a directory holds: a study (study.json, or a study report), a comparison report, or neither. */
function kindOf(dir: string): Entry['kind'] | undefined {
  if (existsSync(join(dir, 'study.json'))) return 'study';
  const kind = reportJson(dir)?.kind;
  return kind === 'study' || kind === 'comparison' ? kind : undefined;
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The entries under the directories given, looked up afresh on each call so that a study
 * started after the dashboard appears: a directory that is a study or comparison is one;
 * otherwise each of its subdirectories that is one. Ids are the directory names, made unique
 * with a suffix (`study-2`) and kept to characters a URL path needs no escaping for.
 *
 * @example
 * findEntries(['runs']); // [{ id: 'study', kind: 'study', dir: '/home/me/runs/study' }, …]
 */
export function findEntries(roots: readonly string[]): Entry[] {
  const dirs = roots.filter(isDirectory).flatMap((root) => {
    if (kindOf(root)) return [root];
    return readdirSync(root).sort().map((name) => join(root, name)).filter((dir) => isDirectory(dir) && kindOf(dir));
  });
  const taken = new Set<string>();
  return dirs.map((dir) => {
    const stem = basename(realpathSync(dir)).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'study';
    let id = stem;
    for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
    taken.add(id);
    return { id, kind: kindOf(dir)!, dir: realpathSync(dir) };
  });
}

/**
 * A study entry's view: its journal when it has one (live), else its report.json.
 *
 * @example
 * studyViewOf(findEntries(['runs'])[0]!)?.trials.length; // 12
 */
export function studyViewOf(entry: Entry): StudyView | undefined {
  const journal = journalView(entry.dir);
  const report = reportJson(entry.dir);
  const study = report?.kind === 'study' ? (report as StudyReport) : undefined;
  // A journal is live; its report, once written, still names the classes.
  if (journal) return { ...journal, classes: Array.isArray(study?.dataset?.classes) ? study.dataset.classes.map(String) : null };
  return study ? reportView(entry.dir, study) : undefined;
}

/**
 * A comparison entry's report.json, or undefined when it is missing or not a comparison.
 *
 * @example
 * comparisonOf(entry)?.strategies.map((s) => s.name); // ['none', 'smote']
 */
export function comparisonOf(entry: Entry): ComparisonReport | undefined {
  const report = reportJson(entry.dir);
  return report?.kind === 'comparison' ? (report as ComparisonReport) : undefined;
}
