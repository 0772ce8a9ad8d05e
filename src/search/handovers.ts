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
 * The record of a trial whose worker stopped beating and that went to another worker, as of now.
 *
 * @example
 * handoverOf({ id, round: 1, index: 3, worker: 'host/4242', silent: 21.4 }); // { round: 1, index: 3, worker: 'host/4242', silentSeconds: 21, at: '…' }
 */
export function handoverOf(trial: SilentTrial): Handover {
  const { round, index, worker, silent } = trial;
  return { round, index, worker, silentSeconds: Math.round(silent), at: new Date().toISOString() };
}

/** The line that says on stderr that a trial went to another worker. */
export const handoverLine = (h: Handover) => `round ${h.round} trial ${h.index}: worker ${h.worker} stopped beating ${h.silentSeconds} s ago; handed to another worker`;

/**
 * Appends a handover to the study directory's `handovers.jsonl`: `{ round, index, worker, silentSeconds, at }`.
 *
 * @example
 * appendHandover('runs/s1', handoverOf(trial));
 */
export function appendHandover(dir: string, handover: Handover): void {
  appendFileSync(handoversFile(dir), `${JSON.stringify(handover)}\n`);
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
