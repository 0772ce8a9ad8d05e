import type { TrialRecord } from '../search/trial.ts';

/** How a study's time went: trials ended, epochs they trained, and how many of them were pruned or failed. */
export interface Spent {
  trials: number;
  epochs: number;
  pruned: number;
  failed: number;
}

/**
 * What a study's trials cost, as `--json` and the report tell it.
 *
 * @example
 * spentOn(done.trials); // { trials: 80, epochs: 176, pruned: 72, failed: 0 }
 */
export function spentOn(trials: readonly TrialRecord[]): Spent {
  return {
    trials: trials.length,
    epochs: trials.reduce((sum, t) => sum + t.history.length, 0),
    pruned: trials.filter((t) => t.status === 'pruned').length,
    failed: trials.filter((t) => t.status === 'failed').length,
  };
}
