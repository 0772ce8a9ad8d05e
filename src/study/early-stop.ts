import { defer, takeWhile, type MonoTypeOperatorFunction } from 'rxjs';
import type { Direction } from '../search/narrowing.ts';
import { better, worstScore } from '../search/direction.ts';

/**
 * Epochs without a better validation score after which training stops. Five: on Fashion-MNIST
 * the validation accuracy of a good configuration wanders by ±0.003 from epoch to epoch while it
 * still rises, so three stale epochs stopped retrainings whose best epoch was yet to come.
 */
export const patience = 5;

/**
 * Early stopping: passes epochs through until `patience` of them in a row have not beaten the
 * best score so far, that epoch included, then completes (so the trainer stops between epochs);
 * never before `atLeast` items have passed.
 *
 * @example
 * steps.pipe(stopWhenStale((s) => s.score, 'maximize', 3));
 */
export function stopWhenStale<T>(score: (item: T) => number, direction: Direction, epochs = patience, atLeast = 0): MonoTypeOperatorFunction<T> {
  return (source) => defer(() => {
    let best = worstScore(direction);
    let stale = 0;
    let seen = 0;
    return source.pipe(takeWhile((item) => {
      const value = score(item);
      seen++;
      if (better(direction, value, best)) [best, stale] = [value, 0];
      else stale++;
      return stale < epochs || seen < atLeast;
    }, true));
  });
}
