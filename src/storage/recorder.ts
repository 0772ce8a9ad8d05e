import { Observable, Subject } from 'rxjs';
import type { SearchEvent } from '../search/events.ts';
import type { StudyStorage } from './study-storage.ts';

/** The search's events going into a storage, in order. */
export interface Recorder {
  next(event: SearchEvent): void;
  /** The search's events until a write fails, then that error: the search stops rather than run trials nobody records. */
  guard(events: Observable<SearchEvent>): Observable<SearchEvent>;
  /** Resolves once every event given is written; rejects with the first write that failed. */
  flush(): Promise<void>;
}

/**
 * Writes a search's events to `storage` as they come (the storage writes them in that order).
 *
 * @example
 * const record = recorder(storage);
 * await lastValueFrom(record.guard(search(space, executor, options)).pipe(tap((e) => record.next(e))));
 * await record.flush();
 */
export function recorder(storage: StudyStorage): Recorder {
  const failure = new Subject<never>();
  let failed: { error: unknown } | undefined;
  let written = Promise.resolve();
  return {
    next(event) {
      if (failed) return;
      // Started at once: a file study's line is on disk before the event goes on to the display (the storage keeps the order).
      const writing = storage.record(event).catch((error: unknown) => {
        if (failed) return;
        failed = { error };
        failure.error(error);
      });
      written = written.then(() => writing);
    },
    guard: (events) => new Observable<SearchEvent>((subscriber) => {
      const watch = failure.subscribe({ error: (error: unknown) => subscriber.error(error) });
      const inner = events.subscribe(subscriber);
      return () => {
        watch.unsubscribe();
        inner.unsubscribe();
      };
    }),
    async flush() {
      await written;
      if (failed) throw failed.error;
    },
  };
}
