import { Observable, type Subscription } from 'rxjs';
import type { Executor, TrialJob } from '../search/executor.ts';
import type { Step } from '../search/objective.ts';
import type { PeerTrials, StoredRun } from './study-storage.ts';

/**
 * An executor for one peer of a shared study. Every peer's search plans the same trials (the
 * sampler is a pure function of the seed and the history), so each dispatches every run; this
 * executor runs on `inner` only the runs it claims (at most `inner.concurrency` at once), and
 * for the others gives the steps the peer that ran them stored, so every peer's search records
 * the same trials. A run whose holder died is claimed again once its claim lapses.
 *
 * @example
 * search(space, peerExecutor(storage.peers!, workerExecutor({ module, workers: 2 })), options);
 */
export function peerExecutor(peers: PeerTrials, inner: Executor): Executor {
  let running = 0;
  const replay = (run: StoredRun, subscriber: { next(s: Step): void; error(e: Error): void; complete(): void }) => {
    for (const step of run.steps) subscriber.next(step);
    if (run.error !== undefined) subscriber.error(new Error(run.error));
    else subscriber.complete();
  };
  return {
    // The search dispatches a whole rung; the claims decide what runs here.
    concurrency: Number.POSITIVE_INFINITY,
    run: (job: TrialJob) => new Observable<Step>((subscriber) => {
      let own: Subscription | undefined;
      let timer: NodeJS.Timeout | undefined;
      let ended = false;
      let closed = false;
      const look = async (): Promise<void> => {
        const stored = await peers.result(job);
        if (closed) return;
        if (stored) return replay(stored, subscriber);
        if (running < inner.concurrency && await peers.claim(job)) {
          if (closed) return void peers.release(job);
          running++;
          own = inner.run(job).subscribe({
            next: (step) => subscriber.next(step),
            error: (error: unknown) => { ended = true; subscriber.error(error); },
            complete: () => { ended = true; subscriber.complete(); },
          });
          return;
        }
        timer = setTimeout(() => void look().catch((error: unknown) => subscriber.error(error)), peers.pollMs);
      };
      look().catch((error: unknown) => subscriber.error(error));
      return () => {
        closed = true;
        if (timer) clearTimeout(timer);
        if (own) {
          running--;
          own.unsubscribe();
          // Abandoned before it ended (Ctrl-C twice): a peer may take it over at once.
          if (!ended) void peers.release(job).catch(() => {});
        }
      };
    }),
    close: () => inner.close(),
  };
}
