import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
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
 * The fingerprint of a dataset's files as they are now: the first 16 hex digits of the SHA-256
 * of a `csv:` file's bytes, or of an `idx:` directory's IDX files (names and bytes, in name
 * order). A spec without files (`mnist`, shipped with the package) is fingerprinted by its name.
 * Any change to the files changes it, even one that the splits' standardisation would hide.
 *
 * @example
 * dataFingerprint('csv:/data/a.csv'); // '3f0c9a1b2d4e5f60'
 */
export function dataFingerprint(spec: string): string {
  const hash = createHash('sha256');
  const match = /^(csv|idx):(.+)$/.exec(spec);
  if (!match) hash.update(spec);
  else if (match[1] === 'csv') hash.update(readFileSync(match[2]!));
  else {
    const dir = match[2]!;
    const names = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((n) => /^(train|t10k)-/.test(n)).sort() : [];
    for (const name of names) hash.update(`${name}\0`).update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 16);
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
