import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';

/** The kinds of directory a command writes: a search's study, or a comparison's report. */
export type OutKind = 'study' | 'comparison';

function reportKind(dir: string): string | undefined {
  try {
    const json: unknown = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const kind = json !== null && typeof json === 'object' ? (json as { kind?: unknown }).kind : undefined;
    return typeof kind === 'string' ? kind : 'unknown';
  } catch {
    return existsSync(join(dir, 'report.json')) ? 'unknown' : undefined;
  }
}

/**
 * Refuses an output directory that holds another kind of output: `compare --out` on a study
 * directory, or `search --out` on a comparison's, once replaced the other's report. A path that
 * is a file is refused too. A missing directory, or one of the same kind, passes.
 *
 * @example
 * checkOutDir('runs/study', 'comparison', '--out'); // throws: runs/study holds a search study
 */
export function checkOutDir(dir: string, kind: OutKind, flag: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new InputError(`${flag} ${dir}: is a file, but a directory is needed`);
  const study = existsSync(join(dir, 'study.json'));
  const found = reportKind(dir);
  const other = kind === 'comparison'
    ? (study ? 'a search study (study.json)' : found !== undefined && found !== 'comparison' ? `a report of kind "${found}"` : undefined)
    : (found !== undefined && found !== 'study' ? `a report of kind "${found}" (report.json)` : undefined);
  if (other) throw new InputError(`${flag} ${dir}: the directory holds ${other}, which this ${kind} would overwrite; choose another directory`);
}
