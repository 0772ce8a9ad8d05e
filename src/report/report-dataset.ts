import type { TableDescription } from '../data/source.ts';

/** What every report says of its data: the source, the training split's fingerprint, the imbalance made in it, and the classes. */
export interface ReportDataset {
  name: string;
  /** Fingerprint of the training split (kept for readers of older reports; `fingerprints` labels them all). */
  hash: string;
  /** What each fingerprint is of (`source (mnist)`, `train split`, …) → fingerprint. */
  fingerprints: Record<string, string>;
  imbalance: string | null;
  classes: string[];
  /** A CSV table's column types, notes, scaling and test file (absent for other data). */
  table?: TableDescription;
}
