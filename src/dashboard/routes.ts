import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparisonPage } from './comparison-page.ts';
import { comparisonOf, findEntries, studyViewOf, type Entry } from './entries.ts';
import { fileTypes, insideRoot } from './files.ts';
import { listRow, type ListRow } from './listing.ts';
import { notFound, send, sendJson, startEvents } from './respond.ts';
import { studyPage } from './study-page.ts';

/** What the routes need to know of the running dashboard. */
export interface RouteContext {
  roots: readonly string[];
  /** The studies a connected database records, when `--connect` was given. */
  database: (() => Promise<ListRow[]>) | undefined;
  /** How often (ms) a study's event stream checks its journal for change. */
  pollMs: number;
}

const page = fileURLToPath(new URL('./page/', import.meta.url));
const require = createRequire(import.meta.url);
/** The browser builds of vega, vega-lite and vega-embed, straight from the installed packages: no CDN. */
const vendor: Record<string, string> = {
  'vega.js': join(dirname(require.resolve('vega')), 'vega.js'),
  'vega-lite.js': join(dirname(require.resolve('vega-lite')), 'vega-lite.min.js'),
  'vega-embed.js': join(dirname(require.resolve('vega-embed')), 'vega-embed.min.js'),
};
const scripts = ['app.js', 'dom.js', 'charts.js', 'list.js', 'study.js', 'trials-table.js', 'trial.js', 'comparison.js'];
const assets: Record<string, [string, string]> = {
  ...Object.fromEntries(scripts.map((name) => [name, [join(page, name), 'text/javascript; charset=utf-8'] as [string, string]])),
  'style.css': [join(page, 'style.css'), 'text/css; charset=utf-8'],
  // The page's number shortening is the terminal's: one module, served from where it lives.
  'short-number.js': [fileURLToPath(new URL('../text/short-number.js', import.meta.url)), 'text/javascript; charset=utf-8'],
};

const sendFile = (response: ServerResponse, path: string, type: string) => send(response, 200, type, readFileSync(path));
const entryOf = (context: RouteContext, id: string | undefined, kind: Entry['kind']) =>
  findEntries(context.roots).find((e) => e.id === id && e.kind === kind);

/** A signature of a study's journal files that changes whenever a trial or a round is written. */
function journalStamp(entry: Entry): string {
  return ['study.json', 'trials.jsonl', 'report.json'].map((name) => {
    try {
      const s = statSync(join(entry.dir, name));
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return '-';
    }
  }).join('|');
}

/** Tells the page each time the study's journal changes; the page then fetches the study again. */
function studyEvents(context: RouteContext, request: IncomingMessage, response: ServerResponse, entry: Entry): void {
  startEvents(response);
  let last = journalStamp(entry);
  const timer = setInterval(() => {
    const now = journalStamp(entry);
    if (now !== last) response.write('event: change\ndata: {}\n\n');
    last = now;
  }, context.pollMs);
  request.on('close', () => clearInterval(timer));
}

async function entries(context: RouteContext): Promise<ListRow[]> {
  const now = Date.now();
  const local = findEntries(context.roots).flatMap((e) => listRow(e, now) ?? []);
  return [...local, ...(context.database ? await context.database() : [])];
}

/**
 * Answers one GET (or HEAD) request, already past the token check. `segments` is the raw
 * path split on `/`, still percent-encoded (decoded only where a route reads a name).
 */
export async function route(context: RouteContext, request: IncomingMessage, response: ServerResponse, segments: string[]): Promise<void> {
  const [first, second, third, ...rest] = segments;
  if (first === '' && segments.length === 1) return send(response, 200, 'text/html; charset=utf-8', readFileSync(join(page, 'index.html')));
  if ((first === 'study' || first === 'comparison') && second !== undefined) {
    return send(response, 200, 'text/html; charset=utf-8', readFileSync(join(page, 'index.html')));
  }
  if (first === 'assets' && second !== undefined && Object.hasOwn(assets, second) && third === undefined) return sendFile(response, ...assets[second]!);
  if (first === 'vendor' && second !== undefined && Object.hasOwn(vendor, second) && third === undefined) {
    return sendFile(response, vendor[second]!, 'text/javascript; charset=utf-8');
  }
  if (first === 'api' && second === 'entries' && third === undefined) return sendJson(response, await entries(context));
  if (first === 'api' && second === 'study') {
    const entry = entryOf(context, third, 'study');
    const view = entry && studyViewOf(entry);
    if (!entry || !view) return notFound(response);
    if (rest.length === 0) return sendJson(response, { id: entry.id, ...studyPage(view) });
    if (rest.length === 1 && rest[0] === 'events') return studyEvents(context, request, response, entry);
    return notFound(response);
  }
  if (first === 'api' && second === 'comparison' && rest.length === 0) {
    const entry = entryOf(context, third, 'comparison');
    const report = entry && comparisonOf(entry);
    return report ? sendJson(response, { id: entry.id, ...comparisonPage(report) }) : notFound(response);
  }
  if (first === 'files' && second !== undefined && third !== undefined) {
    const entry = findEntries(context.roots).find((e) => e.id === second);
    const path = entry && insideRoot(entry.dir, [third, ...rest].join('/'));
    if (!path) return notFound(response);
    const type = fileTypes[extname(path)] ?? 'application/octet-stream';
    // A study's files are data, never pages: sandboxed, so even an SVG with a script runs nothing.
    return send(response, 200, type, readFileSync(path), { 'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'" });
  }
  return notFound(response);
}
