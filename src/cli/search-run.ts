import { Subject, type Observable } from 'rxjs';
import type { SearchEvent } from '../search/events.ts';

type StudyDone = Extract<SearchEvent, { type: 'study-done' }>;

export interface RunHandlers {
  /** Each event, for the journal and the progress display. */
  next(event: SearchEvent): void;
  /** Told once when Ctrl-C stops the dispatching of trials, and once more if it abandons running ones. */
  say(text: string): void;
}

/**
 * Runs a search to its end and gives the `study-done` event, or `undefined` when Ctrl-C
 * interrupted it. The first Ctrl-C stops dispatching and lets running trials finish (and be
 * journalled); a second abandons them. `stop` is the search's stop signal, fed by Ctrl-C.
 *
 * @example
 * const done = await runInterruptibly((stop) => search(space, executor, { ...options, stop }), handlers);
 */
export function runInterruptibly(events: (stop: Observable<void>) => Observable<SearchEvent>, handlers: RunHandlers): Promise<StudyDone | undefined> {
  return new Promise((resolve, reject) => {
    const stop = new Subject<void>();
    let interrupts = 0;
    let done: StudyDone | undefined;
    const finish = () => {
      process.off('SIGINT', onInterrupt);
      resolve(done);
    };
    const onInterrupt = () => {
      interrupts++;
      if (interrupts === 1) {
        handlers.say('stopping: no new trials; running ones finish and are journalled (Ctrl-C again abandons them)');
        stop.next();
        return;
      }
      handlers.say('abandoning the running trials');
      subscription.unsubscribe();
      finish();
    };
    process.on('SIGINT', onInterrupt);
    const subscription = events(stop).subscribe({
      next(event) {
        handlers.next(event);
        if (event.type === 'study-done') done = event;
      },
      error(error: unknown) {
        process.off('SIGINT', onInterrupt);
        reject(error);
      },
      complete: finish,
    });
  });
}
