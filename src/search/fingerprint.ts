import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fingerprint } from '../data/hash.ts';
import { InputError } from '../errors.ts';

/** The kind and path of a dataset spec that names files (`csv:PATH`, `idx:DIR`); undefined for one that does not (`mnist`). */
function specFiles(spec: string): { kind: 'csv' | 'idx'; path: string } | undefined {
  const match = /^(csv|idx):(.+)$/.exec(spec);
  return match ? { kind: match[1] as 'csv' | 'idx', path: match[2]! } : undefined;
}

/**
 * A dataset spec with its path made absolute (`csv:data.csv` → `csv:/home/me/data.csv`), as
 * a study records it, so `--resume` from another directory reads the same file. Specs without
 * a path (`mnist`) are kept.
 *
 * @example
 * absoluteDatasetSpec('csv:data.csv', '/home/me'); // 'csv:/home/me/data.csv'
 */
export function absoluteDatasetSpec(spec: string, cwd = process.cwd()): string {
  const files = specFiles(spec);
  if (!files || isAbsolute(files.path)) return spec;
  return `${files.kind}:${resolve(cwd, files.path)}`;
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
  const files = specFiles(spec);
  if (!files) return fingerprint([spec]);
  if (files.kind === 'csv') return fingerprint([readFileSync(files.path)]);
  const dir = files.path;
  const names = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((n) => /^(train|t10k)-/.test(n)).sort() : [];
  // One file in memory at a time.
  function* parts() {
    for (const name of names) yield* [`${name}\0`, readFileSync(join(dir, name))];
  }
  return fingerprint(parts());
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
