import type { ServerResponse } from 'node:http';

// Every answer forbids inline scripts and styles from elsewhere, framing and sniffing: even a
// label that slipped into the page as markup could not run. Vega's expressions are evaluated by
// its interpreter (the page embeds with `ast: true`), so no 'unsafe-eval' is needed either.
const pageHeaders = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Sends a whole answer with the dashboard's safety headers (HEAD gets the headers alone).
 *
 * @example
 * send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
 */
export function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...pageHeaders, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** Sends a value as JSON. */
export const sendJson = (response: ServerResponse, value: unknown): void => send(response, 200, 'application/json; charset=utf-8', JSON.stringify(value));

/** 404 with a short plain-text reason that echoes nothing of the request. */
export const notFound = (response: ServerResponse): void => send(response, 404, 'text/plain; charset=utf-8', 'not found\n');

/** Starts a stream of server-sent events with the safety headers. */
export function startEvents(response: ServerResponse): void {
  response.writeHead(200, { ...pageHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
  response.write('retry: 1000\n\n');
}
