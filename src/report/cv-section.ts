import type { MeanInterval } from '../metrics/paired.ts';
import { fixed, withInterval } from './format.ts';
import { table } from './table.ts';

/** A strategy's K-fold scores in a comparison (`compare --cv K`). */
export interface CrossValidatedStrategy {
  name: string;
  /** Mean over seeds of each seed's mean macro-F1 over the folds, with its interval. */
  macroF1: MeanInterval;
  /** Each seed's mean over the folds. */
  perSeed: number[];
  /** Standard deviation of the folds' macro-F1, averaged over seeds. */
  spread: number;
}

/** The cross-validation a comparison ran and what it found. */
export interface ComparisonCrossValidation {
  k: number;
  repeats: number;
  strategies: CrossValidatedStrategy[];
}

/**
 * Markdown for a comparison's K-fold section: each strategy's cross-validated macro-F1 on the
 * training split beside its spread over folds.
 *
 * @example
 * crossValidationSection({ k: 5, repeats: 1, strategies });
 */
export function crossValidationSection(cv: ComparisonCrossValidation): string {
  return [
    `## Cross-validated on the training split (${cv.k} folds${cv.repeats > 1 ? ` × ${cv.repeats} deals` : ''})`, '',
    'Each strategy trains on K − 1 folds of the training split (resampling only them) and is scored on the remaining fold, for every',
    'fold and seed: the mean over folds (95% interval over seeds) and the folds\' standard deviation (mean over seeds).', '',
    table(['strategy', 'CV macro-F1', 'spread over folds'], cv.strategies.map((s) => [
      s.name, withInterval(s.macroF1.mean, s.macroF1.low, s.macroF1.high), fixed(s.spread),
    ]), ['l', 'r', 'r']),
    '',
  ].join('\n');
}
