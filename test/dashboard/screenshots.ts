// `npm run screenshots`: the README's picture of a study page, taken by the browser harness of
// the dashboard's tests from the committed example study (reports/search-study).
import { fileURLToPath } from 'node:url';
import { startDashboard } from '../../src/dashboard/server.ts';
import { openBrowser } from '../helpers/browser.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = `${root}docs/dashboard-study.png`;

const dashboard = await startDashboard({ dirs: [`${root}reports/search-study`] });
const browser = await openBrowser();
try {
  const page = await browser.page();
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.goto(new URL('study/search-study', dashboard.url).href);
  await page.waitForSelector('main[data-state="ready"]');
  await page.screenshot({ path: out });
  if (browser.errors.length > 0) throw new Error(`the page logged errors: ${browser.errors.join('; ')}`);
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
  await dashboard.close();
}
