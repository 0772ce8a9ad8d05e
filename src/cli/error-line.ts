import { CommanderError } from 'commander';
import { InputError } from '../errors.ts';

/** What a system error code means, said of the path it names; `bad` marks bad input (exit 2) rather than a failed run (exit 1). */
const systemErrors: Record<string, { text: string; bad: boolean }> = {
  ENOENT: { text: 'no such file or directory', bad: true },
  EISDIR: { text: 'is a directory, but a file is needed', bad: true },
  ENOTDIR: { text: 'a part of the path is not a directory', bad: true },
  EEXIST: { text: 'already exists', bad: true },
  EACCES: { text: 'permission denied', bad: true },
  EPERM: { text: 'operation not permitted', bad: true },
  ENAMETOOLONG: { text: 'the name is too long', bad: true },
  ELOOP: { text: 'too many symbolic links', bad: true },
  EROFS: { text: 'the file system is read-only', bad: true },
  ENOTEMPTY: { text: 'the directory is not empty', bad: true },
  ENOSPC: { text: 'no space left on the device', bad: false },
  EDQUOT: { text: 'the disk quota is exceeded', bad: false },
  EMFILE: { text: 'too many open files', bad: false },
  EIO: { text: 'input/output error', bad: false },
};

/**
 * A message made safe for one line: control characters (a file's newline echoed into an
 * error, say) are written as escapes, so an error never spans two lines.
 *
 * @example
 * oneLine('bad\ncell'); // 'bad\\ncell'
 */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+$/, '').replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as Partial<SystemError>).code === 'string' && Object.hasOwn(systemErrors, (error as SystemError).code);
}

/**
 * The one line a command prints for an error, and its exit code: bad input (an `InputError`,
 * a usage error, a path that is missing or of the wrong kind) exits 2; anything else is a run
 * that failed, exit 1. A system error names its path and the problem in words, not its code alone.
 *
 * @example
 * errorLine(Object.assign(new Error('EISDIR'), { code: 'EISDIR', path: 'runs' })); // { text: 'runs: is a directory, but a file is needed', code: 2 }
 */
export function errorLine(error: unknown): { text: string; code: number } {
  if (error instanceof InputError) return { text: oneLine(error.message), code: 2 };
  if (error instanceof CommanderError) return { text: oneLine(error.message.replace(/^error: /, '')), code: error.exitCode === 0 ? 0 : 2 };
  if (isSystemError(error)) {
    const known = systemErrors[error.code]!;
    const where = error.path ?? error.dest;
    const text = where ? `${where}: ${known.text} (${error.code}${error.syscall ? `, ${error.syscall}` : ''})` : `${known.text} (${error.code})`;
    return { text: oneLine(text), code: known.bad ? 2 : 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { text: oneLine(message === '' ? 'unexpected error' : message), code: 1 };
}
