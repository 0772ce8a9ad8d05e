/**
 * The command as the user typed it, quoted for a POSIX shell where needed: what a report's
 * Reproduce section prints.
 *
 * @example
 * commandLine(); // "skewtune compare --dataset 'csv:my data.csv'"
 */
export function commandLine(): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['skewtune', ...process.argv.slice(2)].map(quote).join(' ');
}
