import { mergeMap, throwError, timer, type Observable } from 'rxjs';

/**
 * A notifier that errors `seconds` after it is subscribed: given to a trial's `takeUntil`, it
 * ends the whole trial as failed. It limits the whole trial, not the gap between its steps
 * (which is what rxjs's `timeout` would limit).
 *
 * @example
 * executor.run(job).pipe(takeUntil(trialTimeout(30))); // fails with "ran past the trial timeout of 30 s"
 */
export const trialTimeout = (seconds: number): Observable<never> =>
  timer(seconds * 1000).pipe(mergeMap(() => throwError(() => new Error(`ran past the trial timeout of ${seconds} s`))));
