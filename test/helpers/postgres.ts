import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway PostgreSQL server for the tests that need one: initdb in a temporary
// directory, listening on 127.0.0.1 on a free port, stopped and deleted afterwards.
// The server refuses to run as root, so as root it runs as the `postgres` user.

/** The directory of PostgreSQL's server programs (Debian's layout first, then PATH). */
function serverBin(): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found.replace(/\/initdb$/, '');
  throw new Error('PostgreSQL server programs not found: install Debian\'s postgresql package (.ci/run does)');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface TestDatabase {
  url: string;
  stop(): void;
}

/** Starts a server with user `skewtune`, password `skewtune-test`, database `skewtune`. */
export async function startPostgres(): Promise<TestDatabase> {
  const bin = serverBin();
  const dir = mkdtempSync(join(tmpdir(), 'skewtune-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asServer = (program: string, args: string[]) => {
    const root = process.getuid?.() === 0;
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    // PGPASSWORD answers createdb's password prompt; the timeout stops anything else that waits.
    return execFileSync(cmd, argv, {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, env: { ...process.env, PGPASSWORD: 'skewtune-test' },
    });
  };
  const password = join(dir, 'password');
  writeFileSync(password, 'skewtune-test\n');
  chmodSync(password, 0o644);
  // The C locale whatever the environment names: a LANG or LC_ALL the machine has not generated stops initdb.
  asServer('initdb', ['-D', data, '-U', 'skewtune', '--pwfile', password, '-A', 'scram-sha-256', '--no-sync', '--locale=C', '-E', 'UTF8']);
  // The port is free when asked, but another process (another test file's server, say) may take it before
  // the server binds it: then a fresh port, a few times.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      asServer('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o',
        `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`, 'start']);
      break;
    } catch (error) {
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      if (attempt === 3 || !log.includes('Address already in use')) throw error;
    }
  }
  asServer('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'skewtune', 'skewtune']);
  return {
    url: `postgres://skewtune:skewtune-test@127.0.0.1:${port}/skewtune`,
    stop() {
      try {
        asServer('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
