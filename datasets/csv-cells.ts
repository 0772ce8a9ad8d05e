import { InputError } from '../src/index.ts';

// Plain decimals only: Number() would also read "0x10", "0b11", "0o7" and " " as numbers.
const decimal = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * A feature cell as a finite number, or why it is not one. A column is numeric when every
 * cell that is not missing is a number by this rule.
 *
 * @example
 * cellNumber('1.5e3'); // 1500
 * cellNumber('0x10'); // 'is not a decimal number'
 */
export function cellNumber(cell: string): number | string {
  if (/^[-+]?(nan|infinity)$/i.test(cell)) return 'is not a finite number';
  if (!decimal.test(cell)) return /^[-+]?0[xbo]/i.test(cell) ? 'is not a decimal number' : 'is not a number';
  const value = Number(cell);
  return Number.isFinite(value) ? value : 'is not a finite number';
}

/** Orders class labels numerically when they all are numbers ("2" before "10"), else as text. */
export function sortLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  const numeric = unique.every((l) => l !== '' && Number.isFinite(Number(l)));
  return numeric ? unique.sort((a, b) => Number(a) - Number(b)) : unique.sort();
}

/** Refuses a header with an unnamed or repeated column: "the column named x" must be one column. */
export function checkHeaderNames(path: string, header: readonly string[]): void {
  const first = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') throw new InputError(`${path}, header, column ${j + 1}: the column has no name`);
    const earlier = first.get(name);
    if (earlier !== undefined) throw new InputError(`${path}, header: column "${name}" appears twice (columns ${earlier + 1} and ${j + 1})`);
    first.set(name, j);
  });
}
