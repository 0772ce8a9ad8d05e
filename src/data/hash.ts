import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.ts';

/**
 * A short fingerprint of a dataset's features, labels and class names: two machines that
 * load "the same data" can check that they did, and a report names what it was made from.
 *
 * @example
 * datasetHash(splits.train); // 'sha256:3f1c…' (16 hex digits)
 */
export function datasetHash(ds: Dataset): string {
  const hash = createHash('sha256');
  const x = ds.x.data;
  hash.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  hash.update(new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength));
  hash.update(JSON.stringify(ds.classNames));
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
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
