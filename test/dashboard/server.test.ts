import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../../src/dashboard/server.ts';
import { tempDir } from '../helpers/files.ts';
import { killAll, skewtune } from '../helpers/processes.ts';

/** GET with the path sent exactly as written (fetch would fold `..` away before it left). */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const line = (t: object) => `${JSON.stringify(t)}\n`;
const trial = (index: number, status: string, score: number | null, more: object = {}) => ({
  round: 1, index, seed: 100 + index, params: { lr: 0.01 * (index + 1), optimizer: 'adam' }, status, score, last: score,
  history: [{ epoch: 1, score: score ?? 0.1 }], seconds: 0.5, ...more,
});

/** A study being written: two whole trials, a pruned one, then half a line. */
function writeStudy(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'study.json'), JSON.stringify({
    study: 'live', seed: 1, config: { metric: 'macroF1' }, status: 'running', sampler: { name: 'narrowing', options: { top: 0.25 } },
    rounds: [{ round: 1, ranges: { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 }, optimizer: { kind: 'choice', values: ['adam', 'sgd'] } } }],
  }));
  writeFileSync(join(dir, 'trials.jsonl'), line(trial(0, 'complete', 0.7)) + line(trial(1, 'failed', null, { error: 'loss diverged at epoch 3' }))
    + line(trial(2, 'pruned', 0.4, { epoch: 1 })) + '{"round":1,"index":3,"seed":10');
}

describe('the dashboard server', () => {
  // Made before the cases below are listed, since they name it.
  const outside = tempDir();
  const root = tempDir();
  let dashboard: Dashboard;
  beforeAll(async () => {
    writeFileSync(join(outside, 'secret.txt'), 'TOP-SECRET-CONTENT');
    // A named pipe: a server that opened it to read would hang there, so a quick 404 shows it read nothing.
    execFileSync('mkfifo', [join(outside, 'pipe')]);
    writeStudy(join(root, 'study'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'study', 'leak.txt'));
    symlinkSync(join(outside, 'pipe'), join(root, 'study', 'pipe.txt'));
    symlinkSync(outside, join(root, 'study', 'out'));
    writeFileSync(join(root, 'study', 'notes.md'), 'inside the study');
    dashboard = await startDashboard({ dirs: [root] });
  });
  afterAll(async () => {
    await dashboard.close();
    killAll();
  });

  it('reads a study whose last line is torn without that line, counts any status, and keeps unknown fields', async () => {
    const res = await get(dashboard.url, '/api/study/study');
    expect(res.status).toBe(200);
    const page = JSON.parse(res.body);
    expect(page.trials.map((t: { index: number }) => t.index)).toEqual([0, 1, 2]);
    expect(page.unreadable).toBe(0);
    expect(page.counts).toEqual({ total: 3, byStatus: { complete: 1, failed: 1, pruned: 1 } });
    expect(page.best).toEqual({ round: 1, index: 0, score: 0.7 });
    expect(page.metric).toBe('macro-F1');
    expect(page.settings).toEqual({ metric: 'macroF1', seed: '1', sampler: '{"name":"narrowing","options":{"top":0.25}}' });
    expect(page.trials[2].extra).toEqual({ epoch: 1 });
    expect(page.failures).toEqual([{ reason: 'loss diverged at epoch N', count: 1 }]);
    expect(Object.keys(page.charts)).toContain('bestSoFar');
    const list = JSON.parse((await get(dashboard.url, '/api/entries')).body);
    expect(list).toMatchObject([{ id: 'study', kind: 'study', state: 'running', best: 'validation macro-F1 0.700', counts: { total: 3, pruned: 1 } }]);
  });

  it('serves a file inside a study directory', async () => {
    const res = await get(dashboard.url, '/files/study/notes.md');
    expect(res).toMatchObject({ status: 200, body: 'inside the study' });
    expect(res.headers['content-security-policy']).toMatch(/sandbox/);
  });

  it.each([
    ['/..', '/files/study/../../secret.txt'],
    ['/../ to the outside directory by name', `/files/study/..${outside}/secret.txt`],
    ['%2e%2e%2f', '/files/study/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['%2E%2E%5C (backslash)', '/files/study/%2E%2E%5Csecret.txt'],
    ['an absolute path', `/files/study/${outside}/secret.txt`],
    ['an encoded absolute path', `/files/study/${encodeURIComponent(`${outside}/secret.txt`)}`],
    ['a symlink to a file outside', '/files/study/leak.txt'],
    ['a symlink to a directory outside', '/files/study/out/secret.txt'],
    ['a symlink to a pipe outside (reading it would hang)', '/files/study/pipe.txt'],
  ])('answers 404 and reads nothing outside for %s', async (_, path) => {
    const res = await get(dashboard.url, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('TOP-SECRET');
  });

  it('is read-only', async () => {
    const res = await new Promise<number>((resolve) => {
      const url = new URL(dashboard.url);
      request({ host: '127.0.0.1', port: url.port, path: '/api/entries', method: 'POST' }, (r) => resolve(r.statusCode!)).end();
    });
    expect(res).toBe(405);
  });
});

describe("the dashboard on the repository's committed reports", () => {
  it('lists the study and the comparison of reports/ and serves their pages', async () => {
    const dashboard = await startDashboard({ dirs: [fileURLToPath(new URL('../../reports', import.meta.url))] });
    try {
      const list = JSON.parse((await get(dashboard.url, '/api/entries')).body) as { id: string; kind: string }[];
      expect(list.map((e) => [e.id, e.kind])).toEqual([['imbalance', 'comparison'], ['search-study', 'study']]);
      const comparison = JSON.parse((await get(dashboard.url, '/api/comparison/imbalance')).body);
      const committed = JSON.parse(readFileSync(fileURLToPath(new URL('../../reports/imbalance/report.json', import.meta.url)), 'utf8')) as { strategies: { name: string }[] };
      expect(comparison.tables[0].rows.map((row: string[]) => row[0])).toEqual(committed.strategies.map((s) => s.name));
      expect(Object.keys(comparison.charts)).toEqual(['metrics', 'curves']);
      expect((await get(dashboard.url, '/api/study/search-study')).status).toBe(200);
      expect((await get(dashboard.url, '/api/study/imbalance')).status).toBe(404);
    } finally {
      await dashboard.close();
    }
  });
});

describe('skewtune dashboard --host 0.0.0.0', () => {
  afterAll(() => killAll());

  it('prints an address with a token, and answers 401 to every request without it, the page included', async () => {
    const root = tempDir();
    writeStudy(join(root, 'study'));
    const server = skewtune(['dashboard', root, '--host', '0.0.0.0', '--port', '0']);
    const [, port, token] = (await server.waitFor(/http:\/\/0\.0\.0\.0:(\d+)\/\?token=([A-Za-z0-9_-]+)/))!;
    const base = `http://127.0.0.1:${port}/`;
    for (const path of ['/', '/study/study', '/api/entries', '/api/study/study', '/vendor/vega.js', '/assets/app.js', '/files/study/study.json', '/nothing']) {
      expect((await get(base, path)).status, path).toBe(401);
      expect((await get(base, `${path}?token=wrong`)).status, path).toBe(401);
    }
    const page = await get(base, `/?token=${token}`);
    expect(page.status).toBe(200);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect((await get(base, '/api/entries', { cookie })).status).toBe(200);
    expect((await get(base, '/api/entries', { authorization: `Bearer ${token}` })).status).toBe(200);
    server.signal('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('binds 127.0.0.1 by default, with no token, and rejects a directory that does not exist with exit code 2', async () => {
    const root = tempDir();
    const server = skewtune(['dashboard', root, '--port', '0']);
    const [url] = (await server.waitFor(/http:\/\/127\.0\.0\.1:\d+\/$/m))!;
    expect((await get(url!, '/')).status).toBe(200);
    server.signal('SIGINT');
    expect(await server.exited).toBe(0);
    // --json: one object on stdout once serving, and nothing else there.
    const json = skewtune(['dashboard', root, '--port', '0', '--json']);
    const [line] = (await json.waitFor(/^\{.*\}\n/))!;
    expect(JSON.parse(line!)).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/), dirs: [root], token: false });
    json.signal('SIGINT');
    expect(await json.exited).toBe(0);
    expect(json.stdout()).toBe(line);
    const missing = skewtune(['dashboard', join(root, 'nope')]);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toMatch(/^skewtune: .*nope: no such directory\n$/);
  });
});
