import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';

/**
 * The file that `requested` (a URL path below a directory's prefix, still percent-encoded)
 * names inside `root`, or undefined when it names nothing there. Refused, before anything
 * is read: an undecodable path, a NUL, an absolute path, any `..` or `.` segment (as sent or
 * once decoded, with `/` or `\`); then the path is resolved with its symlinks and must still
 * lie inside `root` (itself resolved) and be a regular file, so a link leading out is refused too.
 *
 * @example
 * insideRoot('/srv/runs/s1', 'curves.svg'); // '/srv/runs/s1/curves.svg'
 * insideRoot('/srv/runs/s1', '%2e%2e%2fsecret'); // undefined
 */
export function insideRoot(root: string, requested: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requested);
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded.includes('\0') || isAbsolute(decoded) || /^[A-Za-z]:/.test(decoded)) return undefined;
  const segments = decoded.split(/[/\\]/);
  if (segments.some((s) => s === '..' || s === '.' || s === '')) return undefined;
  let base: string;
  let real: string;
  try {
    base = realpathSync(root);
    real = realpathSync(join(base, ...segments));
  } catch {
    return undefined;
  }
  if (!real.startsWith(base + sep)) return undefined;
  try {
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** The content types the dashboard serves a study's files as; anything else is a download. */
export const fileTypes: Record<string, string> = {
  '.md': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/plain; charset=utf-8',
};

/**
 * The text of `path` when it is a regular file, else undefined (missing, a directory, a FIFO,
 * a device). A FIFO named report.json once blocked the dashboard's one thread for good.
 *
 * @example
 * fileText('runs/study/trials.jsonl') ?? ''; // the journal, or '' before the first trial
 */
export function fileText(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
