import { Subject, type Observable } from 'rxjs';
import { InputError } from '../errors.ts';
import type { SearchEvent } from '../search/events.ts';
import type { Executor } from '../search/executor.ts';
import { workerExecutor } from '../search/worker-executor.ts';

type StudyDone = Extract<SearchEvent, { type: 'study-done' }>;

/** Where trials can run; `--executor` names one. The distributed executor is added here as another record. */
const executors: Record<string, (options: { workers: number }) => Executor> = {
  local: ({ workers }) => workerExecutor({ module: new URL('./search-task.ts', import.meta.url).href, workers }),
};

/**
 * The maker of the executor `--executor` names (`local`, or a URL whose scheme names one),
 * checked before anything is written; calling it starts the executor.
 */
export function executorNamed(spec: string): (options: { workers: number }) => Executor {
  const key = spec.includes('://') ? spec.slice(0, spec.indexOf('://')) : spec;
  const factory = Object.hasOwn(executors, key) ? executors[key] : undefined;
  if (!factory) throw new InputError(`--executor: unknown executor "${spec}"; expected one of ${Object.keys(executors).join(', ')}`);
  return factory;
}

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
