import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files of one report: its markdown, the numbers behind it, and its charts as SVG. */
export interface ReportFiles {
  markdown: string;
  json: unknown;
  /** File name (e.g. `loss.svg`) → SVG text. */
  charts: Record<string, string>;
}

/** Writes a file through a temporary name and a rename, so a reader never sees half of it. */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Writes `README.md`, `report.json` and the charts into `dir` (created if missing).
 *
 * @example
 * writeReport('reports/optimizers', { markdown, json, charts: { 'loss.svg': svg } });
 */
export function writeReport(dir: string, files: ReportFiles): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, svg] of Object.entries(files.charts)) writeFileAtomic(join(dir, name), svg);
  writeFileAtomic(join(dir, 'report.json'), `${JSON.stringify(files.json, null, 2)}\n`);
  writeFileAtomic(join(dir, 'README.md'), files.markdown);
}
