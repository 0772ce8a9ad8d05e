import type { MetricName } from '../metrics/registry.ts';
import type { Json, Space } from '../search/space.ts';
import type { SearchSettings } from './settings.ts';
import { withStrategyConditions } from '../../strategies/search-space.ts';
import { smallTableSpace, skewStrategySpace } from './default-spaces.ts';

/** A largest/smallest class ratio of at least this makes the training split skewed: the search then tries strategies and scores by macro-F1. */
export const skewRatio = 3;

/**
 * A table with at most this many training-file rows (training and validation split together)
 * is small: trials are scored by K-fold CV over those rows and the final model refits on all
 * of them. Measured in docs/search-defaults.md: on 258–1,095 rows (penguins, seattle-weather)
 * CV + refit scored higher on the test rows than a held-out validation split despite 5 times
 * fewer trials a second; on 6,000 (birdstrikes) it scored the same in twice the time.
 */
export const smallTableRows = 5_000;

/** Folds of the small-table CV when `--cv` is not given. */
export const smallTableFolds = 5;

/** Which settings the user left to their defaults, so the data may choose them. */
export interface OpenDefaults {
  space: boolean;
  metric: boolean;
  cv: boolean;
  epochs: boolean;
}

/** What the data show: the training split's class counts, the rows of the training file that trials may use, and whether a test file was given. */
export interface DataFacts {
  trainCounts: readonly number[];
  rows: number;
  testFile: boolean;
}

/** What the data chose, as study.json and `--json` state it. */
export interface DataDecision {
  /** The training split's largest/smallest class count. */
  classRatio: number;
  skewed: boolean;
  metric: { name: MetricName; why: string };
  space: 'given' | 'default' | 'default with strategies';
  /** `refit`: K-fold CV over the training rows, the final model trained on all of them; `split`: the validation split scores trials and stops the final training. */
  validation: { way: 'refit' | 'split'; why: string };
}

/**
 * Largest over smallest class count; Infinity when a class has no rows.
 *
 * @example
 * classRatio([70, 10, 20]); // 7
 */
export function classRatio(counts: readonly number[]): number {
  let low = Infinity;
  let high = 0;
  for (const c of counts) {
    low = Math.min(low, c);
    high = Math.max(high, c);
  }
  return low === 0 ? Infinity : high / low;
}

function validationWay(facts: DataFacts, settings: SearchSettings, open: OpenDefaults): DataDecision['validation'] {
  if (settings.refit === true) return { way: 'refit', why: 'refit is set' };
  if (settings.refit === false) return { way: 'split', why: 'refit is off' };
  if (!open.cv) return { way: 'split', why: `--cv ${settings.cv} was given` };
  if (facts.testFile) return { way: 'refit', why: 'a test file was given' };
  if (facts.rows <= smallTableRows) return { way: 'refit', why: `${facts.rows} training rows, at most ${smallTableRows}` };
  return { way: 'split', why: `${facts.rows} training rows, over ${smallTableRows}` };
}

/**
 * The settings a study takes from its data, for what the user left to the defaults: a skewed
 * training split (class ratio at least `skewRatio`) adds the strategy dimension to the default
 * space and scores by macro-F1; a small table (or a given test file) scores trials by K-fold
 * CV and refits on all training rows; a table small enough for the refit also gets the
 * small-table MLP space and more epochs.
 *
 * @example
 * const { settings, decision } = fitDefaultsToData(settings, { trainCounts: [900, 60], rows: 1200, testFile: false }, open);
 * // decision.metric.name 'macroF1', decision.validation.way 'refit'
 */
export function fitDefaultsToData(settings: SearchSettings, facts: DataFacts, open: OpenDefaults): { settings: SearchSettings; decision: DataDecision } {
  const ratio = classRatio(facts.trainCounts);
  const skewed = ratio >= skewRatio;
  const validation = validationWay(facts, settings, open);
  const refit = validation.way === 'refit';
  const ratioText = Number.isFinite(ratio) ? ratio.toFixed(1) : 'infinite';
  const metric: DataDecision['metric'] = !open.metric
    ? { name: settings.metric, why: '--metric was given' }
    : skewed
      ? { name: 'macroF1', why: `the training split's classes are skewed ${ratioText}:1, at least ${skewRatio}:1` }
      : { name: settings.metric, why: `the training split's classes are within ${skewRatio}:1, at ${ratioText}:1` };
  let space: Space = settings.space;
  if (open.space && refit) space = smallTableSpace;
  if (open.space && skewed) space = withStrategyConditions({ ...space, ...skewStrategySpace }, 'the default space');
  const spaceWay: DataDecision['space'] = !open.space ? 'given' : skewed ? 'default with strategies' : 'default';
  const adapted: SearchSettings = {
    ...settings,
    metric: metric.name,
    space,
    ...(refit && { refit: true, cv: settings.cv ?? smallTableFolds }),
    // Small tables take many epochs of few steps each: rungs of 3, 9 and 27 epochs.
    ...(refit && open.epochs && { epochs: 27, minEpochs: 3 }),
  };
  return { settings: adapted, decision: { classRatio: ratio, skewed, metric, space: spaceWay, validation } };
}

/**
 * The decision's one-line account, for the study's first line.
 *
 * @example
 * decisionText(decision); // 'scored by macroF1 (the training split's classes are skewed 7.0:1 …); …'
 */
export function decisionText(d: DataDecision): string {
  const validation = d.validation.way === 'refit'
    ? `trials scored by K-fold CV over the training rows and the final model refit on all of them (${d.validation.why})`
    : `trials scored on the validation split (${d.validation.why})`;
  return `scored by ${d.metric.name} (${d.metric.why}); ${d.space === 'given' ? 'the given space' : `the ${d.space} space`}; ${validation}`;
}

/** The decision as JSON (an infinite ratio as null). */
export function decisionJson(d: DataDecision): Json {
  return { ...d, classRatio: Number.isFinite(d.classRatio) ? d.classRatio : null } as unknown as Json;
}
