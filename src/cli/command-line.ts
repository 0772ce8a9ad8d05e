/**
 * The command as the user typed it, quoted for a POSIX shell where needed: what a report's
 * Reproduce section prints.
 *
 * @example
 * commandLine(); // "skewtune compare --dataset 'csv:my data.csv'"
 */
export function commandLine(): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['skewtune', ...process.argv.slice(2)].map(withoutPassword).map(quote).join(' ');
}

/** A URL's password dropped (`postgres://me:secret@db/s` → `postgres://me@db/s`): reports never hold credentials. */
export function withoutPassword(arg: string): string {
  return arg.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@/\s]*@/i, '$1@');
}
