import { InputError, type Strategy } from '../src/index.ts';

/** One registered strategy: its name, what it does, and the wrap. */
export interface StrategyEntry {
  name: string;
  description: string;
  strategy: Strategy;
}

const entries: Record<string, StrategyEntry> = {
  none: { name: 'none', description: 'train on the data as it is', strategy: (train) => train },
};

/** Every registered strategy, for listings and contract tests. */
export const strategyEntries: readonly StrategyEntry[] = Object.values(entries);

/**
 * Resolves `a+b+…` into one strategy; the first named wraps outermost, so `smote+focal`
 * resamples with SMOTE and trains with focal loss.
 *
 * @example
 * const wrapped = resolveStrategy('none')(train);
 */
export function resolveStrategy(spec: string): Strategy {
  const parts = spec.split('+').map((s) => s.trim());
  const wraps = parts.map((name) => {
    const entry = Object.hasOwn(entries, name) ? entries[name] : undefined;
    if (!entry) {
      throw new InputError(`unknown strategy "${name}"; expected one of ${Object.keys(entries).join(', ')} (or a+b)`);
    }
    return entry.strategy;
  });
  return (train) => wraps.reduceRight((inner, wrap) => wrap(inner), train);
}
