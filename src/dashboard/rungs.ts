import type { Json } from '../search/space.ts';

/** One rung a trial reached (a line of `rungs.jsonl`): the epochs it had trained, and the score the pruner judged it by. */
export interface ViewRung {
  epochs: number;
  score: number | null;
  /** Seconds the trial had trained by then. */
  seconds: number | null;
}

const finite = (v: Json | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The rungs each trial reached, by `ROUND/INDEX`, from the text of a study's `rungs.jsonl`, in the
 * order written (rung by rung). A last line without its newline is being written and is left out,
 * as are lines that are not a trial at a rung: the rungs only add to a trial page.
 *
 * @example
 * readRungs('{"round":1,"index":0,"epochs":1,"score":0.4,"seconds":2}\n').get('1/0'); // [{ epochs: 1, score: 0.4, seconds: 2 }]
 */
export function readRungs(text: string): Map<string, ViewRung[]> {
  const rungs = new Map<string, ViewRung[]>();
  for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
    let json: { [key: string]: Json } | undefined;
    try {
      const parsed: unknown = JSON.parse(line);
      json = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { [key: string]: Json }) : undefined;
    } catch {
      json = undefined;
    }
    const epochs = finite(json?.epochs);
    if (!json || typeof json.round !== 'number' || typeof json.index !== 'number' || epochs === null) continue;
    const key = `${json.round}/${json.index}`;
    rungs.set(key, [...(rungs.get(key) ?? []), { epochs, score: finite(json.score), seconds: finite(json.seconds) }]);
  }
  return rungs;
}
