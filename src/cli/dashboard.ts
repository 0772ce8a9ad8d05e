import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { databaseStudies } from '../dashboard/database.ts';
import { startDashboard } from '../dashboard/server.ts';
import { InputError } from '../errors.ts';
import { databaseAddress } from '../search/postgres-queue.ts';
import { decimalNumber } from '../decimal.ts';

interface Flags {
  port: number;
  host: string;
  connect?: string;
  json?: boolean;
}

function port(value: string): number {
  const n = decimalNumber(value);
  if (!(Number.isInteger(n) && n >= 0 && n <= 65535)) throw new InvalidArgumentError('must be an integer from 0 to 65535');
  return n;
}

// An empty --host bound every address and printed the address "http://:PORT/".
function host(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must be an address such as 127.0.0.1, ::1 or 0.0.0.0');
  return value;
}

async function runDashboard(dirs: string[], flags: Flags): Promise<void> {
  const given = dirs.length > 0 ? dirs : ['runs'];
  for (const dir of given) {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`${dir}: is a file, but a study or comparison directory is needed`);
    if (!existsSync(dir)) {
      throw new InputError(`${dir}: no such directory${dirs.length === 0 ? ' (the default); give the study or comparison directories to show' : ''}`);
    }
  }
  const database = flags.connect === undefined ? undefined : databaseStudies(databaseAddress(flags.connect, '--connect'));
  let dashboard;
  try {
    dashboard = await startDashboard({ dirs: given, port: flags.port, host: flags.host, ...(database && { database: database.list }) });
  } catch (error) {
    await database?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(`--port ${flags.port}: already in use on ${flags.host}`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError(`--host ${flags.host}: not an address of this machine`);
    throw error;
  }
  // Listening for Ctrl-C before the address is printed: a signal sent on reading it must not find Node's default (exit by signal).
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  if (flags.json) {
    // One line, as soon as it serves: a script learns the address (and a --port 0's port) without parsing prose.
    process.stdout.write(`${JSON.stringify({ url: dashboard.url, dirs: given.map((d) => resolve(d)), token: dashboard.token !== null })}\n`);
  } else {
    process.stdout.write(`skewtune dashboard: ${dashboard.url}\n`);
    if (dashboard.token !== null) process.stdout.write(`reachable from other machines: every request needs the token in that address\n`);
  }
  await stopped;
  await dashboard.close();
  await database?.close();
}

/** `skewtune dashboard`: serves the live web view of studies and comparisons until Ctrl-C. */
export function dashboardCommand(): Command {
  return new Command('dashboard')
    .description('serve a read-only web view of study and comparison directories (default: those under runs/) until Ctrl-C')
    .argument('[dirs...]', 'study or comparison directories, or directories holding them')
    .option('--port <n>', 'port to listen on (0: any free port)', port, 8765)
    .option('--host <address>', 'address to bind; anything but 127.0.0.1, localhost or ::1 requires the printed token', host, '127.0.0.1')
    .option('--connect <url>', 'also list the studies a PostgreSQL database records: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE')
    .option('--json', 'print one JSON object on stdout once serving, { "url", "dirs", "token" } (token: whether the url carries one), and nothing else there')
    .action((dirs: string[], flags: Flags) => runDashboard(dirs, flags));
}
