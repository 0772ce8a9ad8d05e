import { createRng, matrix, type CategoricalGroup, type Dataset } from '../../src/internal.ts';

/** A source column: numeric, or categorical with its levels (one-hot encoded in that order). */
export interface Column {
  name: string;
  levels?: readonly string[];
}

/**
 * A Dataset from raw cells, as the tabular encoder with scaling 'none' would make it: numeric
 * cells as they are, each categorical cell a one-hot block over its column's levels.
 */
export function mixedDataset(
  columns: readonly Column[], rows: readonly (readonly (number | string)[])[], labels: readonly number[], classNames: readonly string[],
): Dataset {
  const categorical: CategoricalGroup[] = [];
  const featureNames: string[] = [];
  for (const c of columns) {
    if (!c.levels) {
      featureNames.push(c.name);
      continue;
    }
    categorical.push({ name: c.name, start: featureNames.length, levels: c.levels });
    featureNames.push(...c.levels.map((l) => `${c.name}=${l}`));
  }
  const x = matrix(rows.length, featureNames.length, 'float64');
  rows.forEach((cells, i) => {
    let at = i * featureNames.length;
    cells.forEach((cell, j) => {
      const levels = columns[j]!.levels;
      if (!levels) {
        x.data[at++] = cell as number;
        return;
      }
      const level = levels.indexOf(cell as string);
      if (level < 0) throw new RangeError(`row ${i}: "${cell}" is not a level of ${columns[j]!.name}`);
      x.data[at + level] = 1;
      at += levels.length;
    });
  });
  return { x, y: Int32Array.from(labels), classNames, featureNames, categorical };
}

/**
 * `sizes[c]` seeded rows of class c: with `numeric` normal columns centred at c, and two
 * categorical columns (3 and 2 levels) whose level leans towards the class.
 */
export function mixedGaussians(sizes: readonly number[], seed: string | number, numeric = 2): Dataset {
  const rng = createRng(seed);
  const columns: Column[] = [
    ...Array.from({ length: numeric }, (_, j) => ({ name: `f${j}` })),
    { name: 'colour', levels: ['red', 'green', 'blue'] },
    { name: 'size', levels: ['small', 'large'] },
  ];
  const rows: (number | string)[][] = [];
  const labels: number[] = [];
  sizes.forEach((size, c) => {
    for (let s = 0; s < size; s++) {
      const lean = (levels: readonly string[]) => levels[rng.uniform() < 0.6 ? c % levels.length : rng.int(levels.length)]!;
      rows.push([...Array.from({ length: numeric }, () => rng.normal(c, 1)), lean(columns[numeric]!.levels!), lean(columns[numeric + 1]!.levels!)]);
      labels.push(c);
    }
  });
  return mixedDataset(columns, rows, labels, sizes.map((_, c) => `c${c}`));
}

/** Whether every row of `data` holds exactly one level in every categorical block. */
export function blocksValid(data: Dataset): boolean {
  const { rows, cols, data: x } = data.x;
  for (let i = 0; i < rows; i++) {
    for (const g of data.categorical ?? []) {
      const block = Array.from(x.subarray(i * cols + g.start, i * cols + g.start + g.levels.length));
      if (block.filter((v) => v === 1).length !== 1 || block.some((v) => v !== 0 && v !== 1)) return false;
    }
  }
  return true;
}
