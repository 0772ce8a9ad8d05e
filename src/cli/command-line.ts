/**
 * The command as the user typed it, quoted for a POSIX shell where needed: what a report's
 * Reproduce section prints, without passwords (see `withoutPassword`).
 *
 * @example
 * commandLine(); // "skewtune compare --dataset 'csv:my data.csv'"
 */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['skewtune', ...argv].map(withoutPassword).map(quote).join(' ');
}

/**
 * An argument with any URL's password dropped, wherever the URL stands in it (`--executor=…`)
 * and however it is given (`postgres://me:secret@db/s`, `?password=secret`): reports never hold
 * credentials, and a rerun takes the password from the environment (PGPASSWORD).
 *
 * @example
 * withoutPassword('--executor=postgres://me:secret@db/s'); // '--executor=postgres://me@db/s'
 */
export function withoutPassword(arg: string): string {
  return arg
    .replace(/(\b[a-z][\w+.-]*:\/\/[^\s:@/]*):[^\s@/]*@/gi, '$1@')
    .replace(/([?&])password=[^&\s]*&?/gi, '$1')
    .replace(/[?&]$/, '');
}
