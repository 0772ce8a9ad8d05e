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
