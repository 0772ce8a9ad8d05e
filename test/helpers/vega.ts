import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { csvField } from '../../src/cli/csv-field.ts';
import { writeText } from './files.ts';

const dataDir = fileURLToPath(new URL('../../node_modules/vega-datasets/data/', import.meta.url));

type Row = Record<string, string | number | null>;

/** The vega-datasets tables the tabular tests use, each with its label column. */
export const vegaTables = {
  /** 344 penguins, 3 species; Island and Sex categorical, gaps in Sex and the measurements. */
  penguins: { file: 'penguins.json', label: 'Species' },
  /** 406 cars by Origin (USA, Europe, Japan); gaps in Horsepower and Miles_per_Gallon; Name and Year as text. */
  cars: { file: 'cars.json', label: 'Origin' },
  /** 1,461 days of Seattle weather, 5 classes, 26 snow days. */
  'seattle-weather': { file: 'seattle-weather.csv', label: 'weather' },
  /** 10,000 bird strikes; the damage class is skewed, most columns categorical. */
  birdstrikes: { file: 'birdstrikes.csv', label: 'Effect Amount of damage' },
} as const;

export type VegaTable = keyof typeof vegaTables;

function rowsOf(name: VegaTable): { header: string[]; lines: string[] } {
  const { file } = vegaTables[name];
  const text = readFileSync(join(dataDir, file), 'utf8');
  if (file.endsWith('.csv')) {
    const [header, ...lines] = text.trim().split(/\r?\n/);
    return { header: header!.split(','), lines };
  }
  const rows = JSON.parse(text) as Row[];
  const header = Object.keys(rows[0]!);
  return { header, lines: rows.map((r) => header.map((h) => csvField(r[h] === null || r[h] === undefined ? '' : String(r[h]))).join(',')) };
}

/**
 * Writes a vega-datasets table as CSV files in `dir`: `NAME.csv` with every row, and a
 * deterministic split (every `every`-th row to the test file) as `NAME-train.csv` and
 * `NAME-test.csv`. Returns the paths and the label column.
 *
 * @example
 * const { train, test, label } = writeVegaCsv(tempDir(), 'penguins');
 */
export function writeVegaCsv(dir: string, name: VegaTable, every = 4) {
  const { header, lines } = rowsOf(name);
  const head = header.map(csvField).join(',');
  const file = (rows: string[]) => `${[head, ...rows].join('\n')}\n`;
  return {
    label: vegaTables[name].label,
    all: writeText(dir, `${name}.csv`, file(lines)),
    train: writeText(dir, `${name}-train.csv`, file(lines.filter((_, i) => i % every !== 0))),
    test: writeText(dir, `${name}-test.csv`, file(lines.filter((_, i) => i % every === 0))),
  };
}
