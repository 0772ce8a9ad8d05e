import { SingleBar } from 'cli-progress';
import type { SearchEvent } from './events.ts';
import { shortNumber } from '../text/short-number.js';
import { describeParams, describeRange } from './describe.ts';
import type { Direction } from './narrowing.ts';
import { better } from './direction.ts';

export interface ProgressOptions {
  /** Trials in the whole study (rounds × trials); absent when the rounds are open-ended. */
  total?: number;
  /** Rounds planned; absent when they go on until a budget is spent (then no `N/total` is shown). */
  rounds?: number;
  /** The trials' time budget in seconds (a study's `--budget` gives its trials a share), shown as what is left of it when the rounds are open-ended. */
  budgetSeconds?: number;
  /** Milliseconds now, for the budget left (tests pass a clock). */
  now?: () => number;
  direction: Direction;
  /** A bar redrawn in place (on a terminal, to stderr), or plain lines through `write`. */
  tty: boolean;
  write: (text: string) => void;
}

/** A subscriber of search events that shows progress, and `stop` to end the display. */
export interface Progress {
  next(event: SearchEvent): void;
  stop(): void;
}

/**
 * Progress of a search: on a terminal a bar (trials done/total, round, best so far, pruned,
 * failed, time left); elsewhere one plain line per ended trial (a pruned one with the epoch it
 * stopped at) and per round.
 *
 * @example
 * const display = progress({ total: 36, rounds: 3, direction: 'maximize', tty: process.stderr.isTTY, write: (t) => process.stdout.write(t) });
 * events.subscribe({ next: display.next, complete: display.stop });
 */
export function progress(options: ProgressOptions): Progress {
  const { total, rounds } = options;
  const now = options.now ?? Date.now;
  const started = now();
  // Under a budget without --rounds the round count is only a cap (1,000): a fraction of it would mislead.
  const planned = total !== undefined && rounds !== undefined;
  const budget = options.budgetSeconds !== undefined ? ` of the trials' ${options.budgetSeconds} s` : '';
  const bar = options.tty
    ? new SingleBar({
      format: planned
        ? 'round {round}/{rounds} |{bar}| {value}/{total} trials | best {best} | pruned {pruned} | failed {failed} | ETA {eta_formatted}'
        : `round {round} | {value} trials | best {best} | pruned {pruned} | failed {failed} | {duration_formatted} elapsed${budget}`,
      hideCursor: true, etaBuffer: 20,
    })
    : undefined;
  const left = (): string => {
    if (options.budgetSeconds === undefined) return '';
    return `; ${Math.max(0, Math.round(options.budgetSeconds - (now() - started) / 1000))} s of the trials' budget left`;
  };
  let done = 0;
  let failed = 0;
  let pruned = 0;
  let best: number | undefined;
  let round = 1;
  bar?.start(total ?? 0, 0, { round, rounds, best: '—', pruned, failed });
  const improves = (score: number) => best === undefined || better(options.direction, score, best);
  return {
    next(event) {
      if (event.type === 'round-started') {
        round = event.round;
        if (!bar) {
          const ranges = Object.entries(event.ranges).map(([name, hp]) => `${name} ${describeRange(hp)}`).join('; ');
          options.write(`round ${round}${planned ? `/${rounds}` : ''}: ${event.trials} trials in ${ranges}${planned ? '' : left()}\n`);
        }
      }
      if (event.type !== 'trial-finished' && event.type !== 'trial-failed' && event.type !== 'trial-pruned') return;
      const { trial } = event;
      done++;
      if (trial.status === 'failed') failed++;
      if (trial.status === 'pruned') pruned++;
      // Best among complete trials: a pruned trial's score is from fewer epochs.
      if (trial.status === 'complete' && improves(trial.score!)) best = trial.score!;
      if (bar) {
        bar.update(done, { round, best: best === undefined ? '—' : shortNumber(best), pruned, failed });
        return;
      }
      const outcome = trial.status === 'complete' ? `score ${shortNumber(trial.score!)}`
        : trial.status === 'pruned' ? `pruned at epoch ${trial.history.length}, score ${shortNumber(trial.score!)}` : `failed: ${trial.error}`;
      const from = event.resumed ? ' (from the journal)' : ` in ${trial.seconds.toFixed(1)} s`;
      options.write(`[${done}${planned ? `/${total}` : ''}] round ${trial.round} trial ${trial.index}: ${outcome}${from}; best ${best === undefined ? '—' : shortNumber(best)}  ${describeParams(trial.params)}\n`);
    },
    stop: () => bar?.stop(),
  };
}
