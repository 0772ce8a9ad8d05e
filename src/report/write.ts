import { join } from 'node:path';
import { makeDirectory } from '../files/make-directory.ts';
import { removeLeftovers, writeFileAtomic } from '../files/write-atomic.ts';

/** The files of one report: its markdown, the numbers behind it, and its charts as SVG. */
export interface ReportFiles {
  markdown: string;
  json: unknown;
  /** File name (e.g. `loss.svg`) → SVG text. */
  charts: Record<string, string>;
}

/**
 * Writes `README.md`, `report.json` and the charts into `dir` (created if missing).
 *
 * @example
 * writeReport('reports/optimizers', { markdown, json, charts: { 'loss.svg': svg } });
 */
export function writeReport(dir: string, files: ReportFiles): void {
  makeDirectory(dir);
  removeLeftovers(dir);
  for (const [name, svg] of Object.entries(files.charts)) writeFileAtomic(join(dir, name), svg);
  writeFileAtomic(join(dir, 'report.json'), `${JSON.stringify(files.json, null, 2)}\n`);
  writeFileAtomic(join(dir, 'README.md'), files.markdown);
}
