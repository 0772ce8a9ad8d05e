import type { Dataset } from '../src/plugin.ts';

/**
 * The columns of `data` outside every one-hot block: the numeric ones (missing indicators
 * included), ascending.
 *
 * @example
 * numericColumns({ ...ds, categorical: [{ name: 'island', start: 1, levels: ['a', 'b'] }] }); // [0, 3, …]
 */
export function numericColumns(data: Dataset): Int32Array {
  const inBlock = new Uint8Array(data.x.cols);
  for (const g of data.categorical ?? []) inBlock.fill(1, g.start, g.start + g.levels.length);
  const out: number[] = [];
  inBlock.forEach((b, j) => {
    if (b === 0) out.push(j);
  });
  return Int32Array.from(out);
}

/**
 * The level each row holds in each categorical group: row i's level of group g at i·G + g,
 * the first non-zero column of its block, or −1 when the block is all zero.
 *
 * @example
 * levelCodes(ds)[3 * ds.categorical!.length + 0]; // row 3's level of the first group
 */
export function levelCodes(data: Dataset): Int32Array {
  const groups = data.categorical ?? [];
  const { rows, cols, data: x } = data.x;
  const codes = new Int32Array(rows * groups.length).fill(-1);
  for (let i = 0; i < rows; i++) {
    groups.forEach((g, h) => {
      const at = i * cols + g.start;
      for (let l = 0; l < g.levels.length; l++) {
        if (x[at + l] !== 0) {
          codes[i * groups.length + h] = l;
          break;
        }
      }
    });
  }
  return codes;
}
