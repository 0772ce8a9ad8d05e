import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tap } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../../src/dashboard/server.ts';
import { createStudy, journal, type StudyFile } from '../../src/search/journal.ts';
import { search } from '../../src/search/pipeline.ts';
import type { Space } from '../../src/search/space.ts';
import { openBrowser, type TestBrowser } from '../helpers/browser.ts';
import { tempDir } from '../helpers/files.ts';

// One browser for the whole file: launching Chromium is the slow part.
let browser: TestBrowser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const space: Space = { lr: { kind: 'loguniform', low: 1e-4, high: 0.1 }, optimizer: { kind: 'choice', values: ['adam', 'sgd'] } };

describe('a study page while its search runs', () => {
  let dashboard: Dashboard;
  afterAll(async () => {
    await dashboard?.close();
  });

  it('shows the study appear in the list, then its trial count and best-so-far chart grow without a reload, with no console error', async () => {
    const root = tempDir();
    dashboard = await startDashboard({ dirs: [root], pollMs: 100 });
    const page = await browser.page();
    await page.goto(dashboard.url);
    await page.waitForSelector('main[data-state="ready"]');

    // The search starts after the page: each trial waits for a permit the test hands out, one trial per permit.
    let permits = 0;
    const waiting: (() => void)[] = [];
    const release = (n: number) => {
      permits += n;
      while (permits > 0 && waiting.length > 0) {
        permits--;
        waiting.shift()!();
      }
    };
    const dir = join(root, 'live');
    const study: StudyFile = { study: 'live', seed: 3, config: { metric: 'accuracy' }, rounds: [], status: 'running' };
    createStudy(dir, study);
    const objective = (p: { readonly [k: string]: unknown }) => new Promise<number>((resolve) => {
      const finish = () => resolve(1 - Math.abs(Math.log10(Number(p.lr)) + 2) / 4);
      if (permits > 0) {
        permits--;
        finish();
      } else waiting.push(finish);
    });
    const running = search(space, objective, { rounds: 2, trials: 6, seed: 3 }).pipe(tap(journal(dir, study))).subscribe();
    try {
      release(2);
      await page.click('a[href="/study/live"]');
      await page.waitForSelector('main[data-state="ready"]');
      await page.locator('#trial-count', { hasText: /^2$/ }).waitFor();
      // The charts are drawn after the counts, asynchronously: wait for the one that shows two trials.
      await page.locator('#chart-bestSoFar[data-points="2"]').waitFor();
      const before = Number(await page.getAttribute('#chart-bestSoFar', 'data-points'));
      expect(before).toBe(2);
      // Anything set now would vanish if the page reloaded.
      await page.evaluate(() => { (globalThis as Record<string, unknown>).stillHere = true; });
      release(5);
      await page.locator('#trial-count', { hasText: /^7$/ }).waitFor();
      await page.locator('#chart-bestSoFar[data-points="7"]').waitFor();
      expect(await page.evaluate(() => (globalThis as Record<string, unknown>).stillHere)).toBe(true);
      expect(await page.locator('#chart-bestSoFar svg.marks path').count()).toBeGreaterThan(0);
      expect(await page.locator('#trials tbody tr').count()).toBe(7);
      // Round 2 has begun: its ranges sit beside round 1's.
      expect(await page.locator('#ranges thead th').allTextContents()).toEqual(['hyperparameter', 'round 1', 'round 2']);
      release(5);
      await page.locator('#study-state', { hasText: /^done$/ }).waitFor();
    } finally {
      running.unsubscribe();
    }
    expect(browser.errors).toEqual([]);
    // Closed before the server is, so its event stream does not retry into a closed port.
    await page.close();
  });
});

describe('labels and values that look like HTML', () => {
  const payloads = ['<script>window.pwned = "script"</script>', '<img src=x onerror="window.pwned = \'img\'">', 'say "hi" & <b>bold</b>'];
  let dashboard: Dashboard;
  beforeAll(async () => {
    const root = tempDir();
    mkdirSync(join(root, 'study'));
    const trial = (index: number, status: 'complete' | 'failed') => ({
      round: 1, index, seed: index, strategy: payloads[2], status, score: status === 'complete' ? 0.5 + index / 10 : null, rank: status === 'complete' ? 2 - index : null,
      params: { lr: 0.01 * (index + 1), optimizer: payloads[1], note: payloads[0] },
      curve: [{ epoch: 1, score: 0.5, trainAccuracy: 0.4 }], error: status === 'failed' ? payloads[1] : null,
    });
    writeFileSync(join(root, 'study', 'report.json'), JSON.stringify({
      kind: 'study', dataset: { name: payloads[0], classes: payloads }, settings: { metric: 'accuracy' },
      rounds: [{ round: 1, ranges: { lr: { kind: 'loguniform', low: 1e-3, high: 0.1 }, optimizer: { kind: 'choice', values: [payloads[1], 'adam'] } }, basis: null }],
      trials: [trial(0, 'complete'), trial(1, 'complete'), trial(2, 'failed')],
    }));
    mkdirSync(join(root, 'comparison'));
    const interval = { mean: 0.5, low: 0.4, high: 0.6 };
    const metrics = Object.fromEntries(['accuracy', 'balancedAccuracy', 'macroF1', 'gmean', 'minorityRecall', 'prAuc'].map((m) => [m, interval]));
    writeFileSync(join(root, 'comparison', 'report.json'), JSON.stringify({
      kind: 'comparison', command: 'x', config: {}, seeds: [1], level: 0.95, resamples: 2000, search: null, packages: {},
      budget: { by: 'steps', steps: 1, epochs: 1 },
      dataset: { name: payloads[1], hash: 'h', fingerprints: { [payloads[0]!]: 'h' }, imbalance: null, classes: payloads, sizes: { train: 3, validation: 3, test: 3 }, trainCounts: [1, 1, 1], minority: 0 },
      strategies: [{
        name: payloads[0], options: payloads[0], description: payloads[2], countsAfter: [1, 1, 1], rows: 3, metrics, perSeed: {}, recall: [0.5, 0.5, 0.5],
        confusion: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], curve: [{ epoch: 1, steps: 1, loss: 1, valAccuracy: 0.5 }], lastEpochGain: null, loss: payloads[2], steps: 1,
      }],
    }));
    dashboard = await startDashboard({ dirs: [root] });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it.each([
    ['the study page', 'study/study'],
    ['a trial page', 'study/study/trial/1/2'],
    ['the comparison page', 'comparison/comparison'],
  ])('shows them as text on %s, and no script of theirs runs', async (_, path) => {
    const page = await browser.page();
    await page.goto(new URL(path, dashboard.url).href);
    await page.waitForSelector('main[data-state="ready"]');
    const text = await page.locator('main').textContent();
    for (const payload of payloads.slice(path.startsWith('study/study/trial') ? 0 : 1)) expect(text).toContain(payload);
    expect(await page.locator('main img, main script, main b:not(#trial-count)').count()).toBe(0);
    expect(await page.evaluate(() => typeof (globalThis as Record<string, unknown>).pwned)).toBe('undefined');
    expect(browser.errors).toEqual([]);
    await page.close();
  });
});

describe('a dashboard reachable from other machines', () => {
  it('works in the browser from the printed address: the token given once, the cookie carries it to every script, API call and event stream', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'study'));
    writeFileSync(join(root, 'study', 'study.json'), JSON.stringify({ study: 's', seed: 1, config: {}, rounds: [], status: 'running' }));
    writeFileSync(join(root, 'study', 'trials.jsonl'), `${JSON.stringify({ round: 1, index: 0, seed: 1, params: { lr: 0.1 }, status: 'complete', score: 0.5, history: [{ score: 0.5 }] })}\n`);
    const dashboard = await startDashboard({ dirs: [root], host: '0.0.0.0' });
    const page = await browser.page();
    try {
      await page.goto(dashboard.url.replace('0.0.0.0', '127.0.0.1'));
      await page.click('a[href="/study/study"]');
      await page.locator('#trial-count', { hasText: /^1$/ }).waitFor();
      await page.locator('#chart-bestSoFar svg.marks').waitFor();
      appendFileSync(join(root, 'study', 'trials.jsonl'), `${JSON.stringify({ round: 1, index: 1, seed: 2, params: { lr: 0.2 }, status: 'failed', score: null, history: [], error: 'x' })}\n`);
      await page.locator('#trial-count', { hasText: /^2$/ }).waitFor();
      expect(browser.errors).toEqual([]);
    } finally {
      await page.close();
      await dashboard.close();
    }
  });
});

describe('a trial page of a pruned study', () => {
  it('shows each rung the trial waited at (rungs.jsonl), its score there, and where the pruner stopped it', async () => {
    const root = tempDir();
    const dir = join(root, 'study');
    mkdirSync(dir);
    writeFileSync(join(dir, 'study.json'), JSON.stringify({ study: 's', seed: 1, config: { metric: 'accuracy' }, rounds: [], status: 'running' }));
    const history = (n: number) => Array.from({ length: n }, (_, i) => ({ epoch: i + 1, score: 0.3 + i / 10 }));
    const at = (index: number, epochs: number, seconds: number) =>
      JSON.stringify({ round: 1, index, seed: index, params: {}, status: 'paused', score: 0.3 + (epochs - 1) / 10, history: history(epochs), seconds, epochs });
    // Trial 0 went on from rungs 1 and 3 and completed at 9; trial 1 waited at 1 and 3, then was pruned at 3.
    writeFileSync(join(dir, 'rungs.jsonl'), `${[at(0, 1, 1), at(1, 1, 1.5), at(0, 3, 3), at(1, 3, 4)].join('\n')}\n${at(1, 9, 9).slice(0, 30)}`);
    writeFileSync(join(dir, 'trials.jsonl'), `${[
      { round: 1, index: 0, seed: 0, params: {}, status: 'complete', score: 1.1, history: history(9), seconds: 9, epochs: 9 },
      { round: 1, index: 1, seed: 1, params: {}, status: 'pruned', score: 0.5, history: history(3), seconds: 4, epochs: 3 },
    ].map((t) => JSON.stringify(t)).join('\n')}\n`);
    const dashboard = await startDashboard({ dirs: [root] });
    const page = await browser.page();
    const rows = async (index: number) => {
      await page.goto(new URL(`study/study/trial/1/${index}`, dashboard.url).href);
      await page.waitForSelector('main[data-state="ready"]');
      return page.locator('#trial-rungs tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    };
    try {
      expect(await rows(0)).toEqual([['1', '0.3', '1', 'went on'], ['3', '0.5', '3', 'went on']]);
      expect(await rows(1)).toEqual([['1', '0.3', '1.5', 'went on'], ['3', '0.5', '4', 'stopped here (pruned)']]);
      expect(browser.errors).toEqual([]);
    } finally {
      await page.close();
      await dashboard.close();
    }
  });
});
