import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListRow } from './listing.ts';
import { send } from './respond.ts';
import { route } from './routes.ts';
import { isLoopback, newToken, tokenCookie, tokenOf } from './token.ts';

/** What `startDashboard` serves and how. */
export interface DashboardOptions {
  /** Study and comparison directories, or directories holding them (each looked through on every request). */
  dirs: readonly string[];
  /** Port to listen on; 0 (the default) takes a free one. */
  port?: number;
  /** Address to bind (default 127.0.0.1). Anything but loopback requires the token. */
  host?: string;
  /** The token a non-loopback dashboard requires (default: a fresh random one). */
  token?: string;
  /** The studies a database records, added to the list (see `databaseStudies`). */
  database?: () => Promise<ListRow[]>;
  /** How often (ms) a live study page's stream checks the journal (default 500). */
  pollMs?: number;
}

/** A running dashboard: its server, its address (with the token when one is required), and how to stop it. */
export interface Dashboard {
  server: Server;
  /** The address to open, `?token=…` included when one is required. */
  url: string;
  token: string | null;
  close(): Promise<void>;
}

/** Handles one request: the token first (every answer, the page included, needs it), then the routes. */
async function handle(options: Required<Pick<DashboardOptions, 'pollMs'>> & DashboardOptions, token: string | null,
  request: IncomingMessage, response: ServerResponse): Promise<void> {
  const raw = request.url ?? '/';
  const url = new URL(raw, 'http://dashboard');
  if (token !== null) {
    const cookie = tokenCookie((request.socket.address() as AddressInfo).port);
    const given = tokenOf(request, url, token, cookie);
    if (given === 'denied') return send(response, 401, 'text/plain; charset=utf-8', 'this dashboard needs the token it printed at start: open the address it printed\n');
    if (given === 'query') response.setHeader('Set-Cookie', `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, 405, 'text/plain; charset=utf-8', 'the dashboard is read-only: GET and HEAD only\n', { Allow: 'GET, HEAD' });
  }
  // The raw path, not URL-normalised: a `..` must reach the file check to be refused, not be folded away.
  const segments = raw.split('?')[0]!.slice(1).split('/');
  await route({ roots: options.dirs, database: options.database, pollMs: options.pollMs }, request, response, segments);
}

/**
 * Starts the dashboard's web server and resolves once it listens.
 *
 * @example
 * const dashboard = await startDashboard({ dirs: ['runs'] });
 * console.log(dashboard.url); // http://127.0.0.1:41234/
 * await dashboard.close();
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? '127.0.0.1';
  const token = isLoopback(host) ? null : options.token ?? newToken();
  const settings = { ...options, pollMs: options.pollMs ?? 500 };
  const server = createServer((request, response) => {
    handle(settings, token, request, response).catch((error: unknown) => {
      // A study half-written or removed while read: answer, keep serving, and say why on stderr.
      process.stderr.write(`skewtune dashboard: ${request.url}: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'the dashboard could not answer this; its terminal says why\n');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    url: `http://${shownHost}:${port}/${token === null ? '' : `?token=${token}`}`,
    token,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Live pages hold event streams open; end them so close returns.
      server.closeAllConnections();
    }),
  };
}
