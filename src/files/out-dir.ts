import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  if (!existsSync(dir)) return checkCanMake(dir, flag);
  if (!statSync(dir).isDirectory()) throw new InputError(`${flag} ${dir}: is a file, but a directory is needed`);
  const study = existsSync(join(dir, 'study.json'));
  const found = reportKind(dir);
  const other = kind === 'comparison'
    ? (study ? 'a search study (study.json)' : found !== undefined && found !== 'comparison' ? `a report of kind "${found}"` : undefined)
    : (found !== undefined && found !== 'study' ? `a report of kind "${found}" (report.json)` : undefined);
  if (other) throw new InputError(`${flag} ${dir}: the directory holds ${other}, which this ${kind} would overwrite; choose another directory`);
}

/**
 * A missing output directory is made when the command writes (a comparison: at its end): its
 * nearest existing ancestor must be a directory this process may write, or the run would fail
 * only after all its training.
 */
function checkCanMake(dir: string, flag: string): void {
  let ancestor = dirname(dir);
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) throw new InputError(`${flag} ${dir}: ${ancestor} is a file, so the directory cannot be made there`);
  try {
    accessSync(ancestor, constants.W_OK);
  } catch {
    throw new InputError(`${flag} ${dir}: ${ancestor} is not writable, so the directory cannot be made there`);
  }
  // Root passes access() where a directory still cannot be made (/proc): a comparison found out
  // only after all its training. A directory made and removed at once says for sure.
  const probe = join(ancestor, `.skewtune-probe-${process.pid}`);
  try {
    mkdirSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`${flag} ${dir}: a directory cannot be made in ${ancestor} (${code})`);
  }
  rmdirSync(probe);
}
