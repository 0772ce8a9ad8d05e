import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.ts';

/**
 * The one fingerprint of data in the project: the first 16 hex digits of the SHA-256 of
 * `parts`, one after the other (text as UTF-8). Datasets, the data trials run on and the
 * files of a dataset spec are all fingerprinted by it.
 *
 * @example
 * fingerprint(['mnist']); // 16 hex digits
 */
export function fingerprint(parts: Iterable<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A dataset's features and labels as bytes (no copy), what its fingerprint is made of.
 *
 * @example
 * fingerprint(dataBytes(splits.train));
 */
export function dataBytes(ds: Dataset): Uint8Array[] {
  const x = ds.x.data;
  return [new Uint8Array(x.buffer, x.byteOffset, x.byteLength), new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength)];
}

/**
 * A short fingerprint of a dataset's features, labels and class names: two machines that
 * load "the same data" can check that they did, and a report names what it was made from.
 *
 * @example
 * datasetHash(splits.train); // 'sha256:3f1c…' (16 hex digits)
 */
export function datasetHash(ds: Dataset): string {
  return `sha256:${fingerprint([...dataBytes(ds), JSON.stringify(ds.classNames)])}`;
}

/**
 * Labelled fingerprints of a source dataset and of each split made from it, so a reader can tell
 * the data a report started from apart from the rows each stage saw.
 *
 * @example
 * splitFingerprints('mnist', source.data, splits); // { 'source (mnist)': 'sha256:…', 'train split': …, 'validation split': …, 'test split': … }
 */
export function splitFingerprints(name: string, source: Dataset, splits: { train: Dataset; validation: Dataset; test: Dataset }): Record<string, string> {
  return {
    [`source (${name})`]: datasetHash(source),
    'train split': datasetHash(splits.train),
    'validation split': datasetHash(splits.validation),
    'test split': datasetHash(splits.test),
  };
}
