import { isMetricName, metricRecord } from '../metrics/registry.ts';
import type { Direction } from '../search/narrowing.ts';
import { rankTrials, type TrialRecord } from '../search/trial.ts';
import type { ViewTrial } from './study-view.ts';

/** A trial with a score: complete, or pruned after some epochs. */
export type ScoredView = ViewTrial & { score: number; status: 'complete' | 'pruned' };

const isScoredView = (t: ViewTrial): t is ScoredView => (t.status === 'complete' || t.status === 'pruned') && t.score !== null;

/** A view trial as the search's record, carrying what `rankTrials` reads: status, score, epochs run, position. */
const asRecord = (t: ScoredView): TrialRecord => ({
  round: t.round, index: t.index, seed: t.seed ?? 0, params: t.params, status: t.status, score: t.score, last: null,
  history: t.curve.map((c) => ({ score: c.score ?? Number.NaN })), seconds: t.seconds ?? 0,
});

/** Which way a study's metric is better (a metric the registry does not know is taken as a score to maximise). */
export const directionOf = (metric: string): Direction => (isMetricName(metric) ? metricRecord(metric).direction : 'maximize');

/**
 * The scored trials best first, by the search's own rule (`rankTrials`): complete trials by
 * score, then pruned ones, those that trained more epochs first; ties to the earliest position.
 *
 * @example
 * rankView(view.trials, 'maximize')[0]; // the study's best trial, as its report names it
 */
export function rankView(trials: readonly ViewTrial[], direction: Direction): ScoredView[] {
  const back = new Map(trials.filter(isScoredView).map((t) => [asRecord(t), t]));
  return rankTrials([...back.keys()], direction).map((r) => back.get(r)!);
}
