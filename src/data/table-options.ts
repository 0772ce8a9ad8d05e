import { z } from 'zod';
import { scalingNames, type Scaling } from './encoder-fit.ts';
import { maxDistinctLevels } from './table.ts';

/**
 * How a CSV table is read and encoded, as flags and config files give it: type overrides,
 * the missing-value markers, the one-hot cap, the scaling of numeric columns, and a test file.
 */
export interface TableOptions {
  categorical?: string[];
  numeric?: string[];
  /** Cells that count as missing besides the empty cell. */
  missingValues?: string[];
  maxCategories?: number;
  scaling?: Scaling;
  /** `csv:PATH`: the test split's rows. */
  test?: string;
}

/** The options' keys, for picking them out of a command's flags or a study's settings. */
export const tableOptionKeys = ['categorical', 'numeric', 'missingValues', 'maxCategories', 'scaling', 'test'] as const;

const names = z.array(z.string().min(1)).max(maxDistinctLevels);

/** The options as a config file, `study.json` or a worker's task holds them (zod fields, spread into an object schema). */
export const tableOptionsShape = {
  categorical: names.optional(),
  numeric: names.optional(),
  missingValues: z.array(z.string()).max(1000).optional(),
  maxCategories: z.number().int().min(2).max(maxDistinctLevels).optional(),
  scaling: z.enum(scalingNames as [Scaling, ...Scaling[]]).optional(),
  test: z.string().regex(/^csv:./, { message: 'must be csv:PATH' }).optional(),
};

/**
 * The table options set in `o`, and no others.
 *
 * @example
 * tableOptionsOf({ scaling: 'robust', rounds: 3 }); // { scaling: 'robust' }
 */
export function tableOptionsOf(o: TableOptions): TableOptions {
  return Object.fromEntries(tableOptionKeys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as TableOptions;
}
