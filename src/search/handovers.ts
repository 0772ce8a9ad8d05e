import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SilentTrial } from './postgres-heartbeat.ts';

/** The study's record of trials handed to another worker: one JSON object a line. */
const handoversFile = (dir: string) => join(dir, 'handovers.jsonl');

/**
 * Records in the study directory, and says on stderr, that a trial's worker stopped beating and
 * the trial went to another worker: `{ round, index, worker, silentSeconds, at }`.
 *
 * @example
 * recordHandover('runs/s1', { id, round: 0, index: 3, worker: 'host/4242', silent: 21 });
 */
export function recordHandover(dir: string, trial: SilentTrial): void {
  const { round, index, worker, silent } = trial;
  appendFileSync(handoversFile(dir), `${JSON.stringify({ round, index, worker, silentSeconds: Math.round(silent), at: new Date().toISOString() })}\n`);
  process.stderr.write(`round ${round} trial ${index}: worker ${worker} stopped beating ${Math.round(silent)} s ago; handed to another worker\n`);
}
