import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.ts';

/**
 * A dataset spec with its path made absolute (`csv:data.csv` → `csv:/home/me/data.csv`), as
 * a study records it, so `--resume` from another directory reads the same file. Specs without
 * a path (`mnist`) are kept.
 *
 * @example
 * absoluteDatasetSpec('csv:data.csv', '/home/me'); // 'csv:/home/me/data.csv'
 */
export function absoluteDatasetSpec(spec: string, cwd = process.cwd()): string {
  const match = /^(csv|idx):(.+)$/.exec(spec);
  if (!match || isAbsolute(match[2]!)) return spec;
  return `${match[1]}:${resolve(cwd, match[2]!)}`;
}

/**
 * Refuses to resume a study whose data changed since it started: trials of two datasets would
 * mix in one journal. `recorded` is the fingerprint study.json holds (a study from before
 * fingerprints has none, and is let through).
 *
 * @example
 * checkFingerprint('runs/s1/study.json', 'csv:/data/a.csv', '0c1d…', '0c1d…'); // passes
 */
export function checkFingerprint(where: string, dataset: string, recorded: string | undefined, current: string): void {
  if (recorded === undefined || recorded === current) return;
  throw new InputError(`${where}: the data of ${dataset} changed since the study started (fingerprint ${recorded} then, ${current} now); ` +
    'resuming would mix trials of two datasets: start a new study with another --out');
}
