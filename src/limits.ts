/**
 * Upper bounds of the numeric options, as the README documents them: beyond these a value is
 * a typo or an attack (`--hidden 99999999999` once failed deep inside a typed array, `--workers
 * 100000` ran out of memory after 80 s, `--trials 1e9` hung while planning), so it is refused
 * at the boundary with the bound in the message.
 */
export const limits = {
  /** Units of one hidden layer. */
  hiddenUnits: 16_384,
  /** Hidden layers of one network. */
  hiddenLayers: 64,
  /** Trials (or trainings) run at once on one machine: worker threads. */
  workers: 256,
  /** Trials of one round. */
  trials: 10_000,
  rounds: 1_000,
  /** Epochs of any training. */
  epochs: 100_000,
  /** Configurations the honesty check retrains; seeds a comparison runs. */
  repeats: 1_000,
  /** Seconds of `--trial-timeout`: under a day, PostgreSQL jobs' limit (pg-boss), and within Node's timers. */
  trialTimeout: 86_399,
} as const;
