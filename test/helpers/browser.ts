import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package (`.ci/run` installs it when missing); no browser is ever downloaded. */
export const chromiumPath = '/usr/bin/chromium';

const flags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** A headless Chromium with a fresh profile; `errors` collects every console error and uncaught exception of its pages. */
export interface TestBrowser {
  page(): Promise<Page>;
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * Launches Debian's chromium through playwright-core, once per test file, with a profile
 * directory of its own that `close` deletes.
 *
 * @example
 * const browser = await openBrowser();
 * const page = await browser.page();
 * await page.goto(dashboard.url);
 */
export async function openBrowser(): Promise<TestBrowser> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: install Debian's chromium package (.ci/run does)`);
  const profile = mkdtempSync(join(tmpdir(), 'skewtune-chromium-'));
  let context: BrowserContext;
  try {
    // A persistent context is how playwright takes a --user-data-dir of our choosing.
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: flags, viewport: { width: 1280, height: 1000 } });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  // Playwright waits 30 s for a selector or a navigation by default; a loaded machine may take longer to draw
  // the charts, so the tests' own limit (vitest's, 120 s) is what ends a wait that will never succeed.
  context.setDefaultTimeout(100_000);
  const errors: string[] = [];
  return {
    errors,
    async page() {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
