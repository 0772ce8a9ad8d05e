import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

// Calls whose argument list is naturally a list of data: spreading an array into one passes each
// element as an argument, and past about 120,000 of them V8 overflows the call stack.
const listCall = /(?:\.push|\.unshift|Math\.max|Math\.min|String\.fromCharCode)\(/g;

/** Whether a spread stands directly among the arguments that start at `from` (not inside a literal within them). */
function spreadsArgument(code: string, from: number): boolean {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && code.startsWith('...', i)) return true;
  }
  return false;
}

/**
 * The lines of `text` that spread into push, unshift, Math.max, Math.min or String.fromCharCode,
 * as `file:line: code`; comment lines (TSDoc examples) are left out.
 *
 * @example
 * spreadCalls('src/a.ts', 'held.push(...rows);'); // ['src/a.ts:1: held.push(...rows);']
 */
export function spreadCalls(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const code = line.trim();
    const comment = code.startsWith('//') || code.startsWith('*') || code.startsWith('/*');
    return !comment && [...code.matchAll(listCall)].some((m) => spreadsArgument(code, m.index + m[0].length)) ? [`${file}:${i + 1}: ${code}`] : [];
  });
}

/** Every such spread in the source files (`.ts`, `.js`) under `dirs` of `root`. */
export function spreadCallsUnder(root: string, dirs: readonly string[]): string[] {
  const files = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
  return dirs.flatMap(files).flatMap((file) => spreadCalls(file, readFileSync(join(root, file), 'utf8')));
}
