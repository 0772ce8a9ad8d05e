/**
 * Upper bounds of the numeric options besides the trainer's own (those are in
 * src/nn/limits.ts), as the README documents them: beyond these a value is a typo or an attack
 * (`--workers 100000` ran out of memory after 80 s, `--trials 1e9` hung while planning), so it
 * is refused at the boundary with the bound in the message.
 */
export const limits = {
  /** Hidden layers of one network. */
  hiddenLayers: 64,
  /** Trials (or trainings) run at once on one machine, worker threads, whatever its size; its own bound is `workerLimit` (src/worker-limit.ts). */
  workers: 256,
  /** Trials of one round. */
  trials: 10_000,
  rounds: 1_000,
  /** Networks a search's final model averages (`--ensemble`). */
  ensemble: 32,
  /** Configurations the honesty check retrains; seeds a comparison runs. */
  repeats: 1_000,
  /** Seconds of `--trial-timeout`: under a day, PostgreSQL jobs' limit (pg-boss), and within Node's timers. */
  trialTimeout: 86_399,
} as const;
