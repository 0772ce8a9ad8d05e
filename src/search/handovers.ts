import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SilentTrial } from './postgres-heartbeat.ts';

/** The study's record of trials handed to another worker: one JSON object a line. */
const handoversFile = (dir: string) => join(dir, 'handovers.jsonl');

/** A trial handed to another worker because its worker stopped beating, as `handovers.jsonl` records it. */
export interface Handover {
  round: number;
  index: number;
  worker: string;
  silentSeconds: number;
  /** ISO time of the handover. */
  at: string;
}

const handoverSchema = z.object({ round: z.number(), index: z.number(), worker: z.string(), silentSeconds: z.number(), at: z.string() });

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

/**
 * The handovers a study recorded, in order; none when it has no `handovers.jsonl`. A line cut
 * short (a kill while appending) or not a handover is left out: the record only informs the report.
 *
 * @example
 * readHandovers('runs/s1').length; // 1 after a worker was killed mid-trial
 */
export function readHandovers(dir: string): Handover[] {
  const path = handoversFile(dir);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').flatMap((line) => {
    try {
      const parsed = handoverSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}
