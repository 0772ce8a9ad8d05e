import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The cookie that carries the token after the first request that gave it in the URL. Cookies do
 * not keep ports apart, so the name holds the port: two dashboards on one host keep their own.
 */
export const tokenCookie = (port: number): string => `skewtune_token_${port}`;

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

/** Whether a host to bind reaches only this machine (then no token is needed). */
export const isLoopback = (host: string): boolean => loopback.has(host);

/**
 * A fresh token for a dashboard reachable from other machines. Security, not an experiment:
 * it comes from the system's cryptographic source, never from a seed.
 */
export const newToken = (): string => randomBytes(24).toString('base64url');

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares in constant time (hashes first, so lengths need not match). */
const same = (given: string, token: string) => timingSafeEqual(digest(given), digest(token));

function cookieValue(request: IncomingMessage, cookie: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return value.join('=');
  }
  return undefined;
}

/**
 * How a request stands with the token: 'cookie' (or a bearer header) carries it, 'query' gives
 * it as `?token=` (the printed address; answer with the cookie), 'denied' otherwise.
 *
 * @example
 * tokenOf(request, url, token, 'skewtune_token_8765'); // 'query' for GET /?token=…
 */
export function tokenOf(request: IncomingMessage, url: URL, token: string, cookieName: string): 'cookie' | 'query' | 'denied' {
  const header = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  const cookie = cookieValue(request, cookieName);
  if ((cookie !== undefined && same(cookie, token)) || (header !== undefined && same(header, token))) return 'cookie';
  const query = url.searchParams.get('token');
  return query !== null && same(query, token) ? 'query' : 'denied';
}
