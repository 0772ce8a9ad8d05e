import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { loadCsv, readCsv } from '../../datasets/csv.ts';
import { resolveResampler } from '../../strategies/registry.ts';
import type { Resampled } from '../../strategies/resampled.ts';
import { resamplingRng, warn } from '../../strategies/resampling.ts';
import { classCounts, type Dataset } from '../data/dataset.ts';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../report/write.ts';
import { csvField as field } from './csv-field.ts';
import { integer, pathValue } from './options.ts';
import { checkOutputFile } from './output-file.ts';

interface Options {
  input: string;
  output: string;
  strategy: string;
  label: string;
  k?: string;
  ratio?: string;
  provenance?: boolean;
  seed: number;
  json?: boolean;
}

const provenanceColumns = ['origin', 'parent', 'neighbour', 'factor'];

/**
 * The output table: the header, each kept row's original cells, then the synthetic rows
 * (shortest round-trip decimals), with provenance columns when asked. Row numbers in
 * provenance count data rows from 1, as the input's error messages do.
 */
function outputLines(header: string[], rows: string[][], label: number, out: Resampled, withProvenance: boolean): string[] {
  const { data, kept, synthetic } = out;
  const cols = data.x.cols;
  const lines = [[...header, ...(withProvenance ? provenanceColumns : [])]];
  kept.forEach((k) => lines.push([...rows[k]!, ...(withProvenance ? ['original', '', '', ''] : [])]));
  for (let r = 0; r < synthetic.parent.length; r++) {
    const i = kept.length + r;
    const features = Array.from(data.x.data.subarray(i * cols, (i + 1) * cols), String);
    const cells = [...features.slice(0, label), data.classNames[data.y[i]!]!, ...features.slice(label)];
    if (withProvenance) {
      const neighbour = synthetic.neighbour[r]!;
      cells.push('synthetic', String(synthetic.parent[r]! + 1), neighbour < 0 ? '' : String(neighbour + 1),
        neighbour < 0 ? '' : String(synthetic.factor[r]!));
    }
    lines.push(cells);
  }
  return lines.map((cells) => cells.map(field).join(','));
}

// Compared by real path, so `sub/../in.csv` or a symbolic link to the input counts as the input.
function sameFile(input: string, output: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(realpathSync(dirname(resolve(path))), basename(path));
    }
  };
  return existsSync(input) && real(input) === real(output);
}

function countsByName(ds: Dataset): Record<string, number> {
  const counts = classCounts(ds);
  return Object.fromEntries(ds.classNames.map((name, c) => [name, counts[c]!]));
}

/**
 * `skewtune resample`: over- or under-samples a CSV file into another.
 *
 * @example
 * // skewtune resample --input data.csv --output out.csv --strategy smote --k 5 --provenance
 * program.addCommand(resampleCommand());
 */
export function resampleCommand(): Command {
  return new Command('resample')
    .description('resample a CSV file: the original rows first and unchanged, synthetic rows after')
    .requiredOption('--input <file>', 'CSV file with a header row', pathValue)
    .requiredOption('--output <file>', 'CSV file to write (its directory must exist)', pathValue)
    .requiredOption('--strategy <spec>', 'bootstrap, smote, borderline-smote, adasyn or random-under, options as smote:k=3')
    .option('--label <column>', 'label column', 'label')
    .option('--k <n>', 'neighbours for smote, borderline-smote and adasyn (default 5)')
    .option('--ratio <r>', 'smallest / largest class after resampling, in (0, 1] (default 1)')
    .option('--provenance', `add columns ${provenanceColumns.join(', ')} telling where each row came from`)
    .option('--seed <n>', 'seed of every random choice', integer, 1)
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action((o: Options) => {
      const flags = { ...(o.k !== undefined && { k: o.k }), ...(o.ratio !== undefined && { ratio: o.ratio }) };
      const { name, resampler } = resolveResampler(o.strategy, flags);
      checkOutputFile(o.output, '--output', 'out.csv');
      if (sameFile(o.input, o.output)) throw new InputError(`--output ${o.output}: is the input file ${o.input}; write the result elsewhere`);
      // The raw cells, to copy original rows as they were; loadCsv checks and converts them.
      const { header, rows } = readCsv(o.input);
      if (o.provenance) {
        const clash = provenanceColumns.find((c) => header.includes(c));
        if (clash) throw new InputError(`${o.input}: the header already has a column "${clash}", which --provenance would add`);
      }
      // Numeric columns only, no cell missing: the original rows are copied as read beside the synthetic ones.
      const numeric = header.filter((h) => h !== o.label);
      const data = loadCsv(o.input, { label: o.label, dtype: 'float64', numeric, missingValues: [] }).data;
      const out = resampler(data, resamplingRng(o.seed, name));
      out.warnings.forEach(warn);
      // Through a temporary file and a rename: the output path never holds half a file.
      writeFileAtomic(o.output, `${outputLines(header, rows, header.indexOf(o.label), out, o.provenance ?? false).join('\n')}\n`);
      const before = countsByName(data);
      const after = countsByName(out.data);
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ before, after })}\n`);
        return;
      }
      const width = Math.max(5, ...data.classNames.map((c) => c.length));
      process.stdout.write(`${'class'.padEnd(width)}  before  after\n`);
      for (const c of data.classNames) process.stdout.write(`${c.padEnd(width)}  ${String(before[c]).padStart(6)}  ${String(after[c]).padStart(5)}\n`);
      process.stdout.write(`wrote ${o.output}: ${out.kept.length} original and ${out.synthetic.parent.length} synthetic rows\n`);
    });
}
