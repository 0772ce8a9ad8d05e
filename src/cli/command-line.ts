/**
 * The command as the user typed it, quoted for a POSIX shell where needed: what a report's
 * Reproduce section prints. Passwords in URLs (`postgres://user:secret@host/db`, or a
 * `password=` parameter) are left out: reports are shared, and a password is given again from
 * the environment (PGPASSWORD) when the command is rerun.
 *
 * @example
 * commandLine(); // "skewtune compare --dataset 'csv:my data.csv'"
 */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const withoutPassword = (a: string) => a
    .replace(/(\b[a-z][\w+.-]*:\/\/[^\s:@/]*):[^\s@/]*@/gi, '$1@')
    .replace(/([?&])password=[^&\s]*&?/gi, '$1')
    .replace(/[?&]$/, '');
  return ['skewtune', ...argv].map(withoutPassword).map(quote).join(' ');
}
