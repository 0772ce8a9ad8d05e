/** What every report says of its data: the source, the training split's fingerprint, the imbalance made in it, and the classes. */
export interface ReportDataset {
  name: string;
  hash: string;
  imbalance: string | null;
  classes: string[];
}
