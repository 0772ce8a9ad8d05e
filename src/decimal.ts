// Plain decimals, spaces around allowed: `Number` also reads a blank as 0 and `0x10`, `0b11`,
// `0o7` in other bases, which a CSV cell refuses too (datasets/csv.ts).
const plainDecimal = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/**
 * A value written as a plain decimal number, else NaN: what a command-line number and a
 * strategy's option are read with (`--seed ""` once ran with seed 0, `smote:k=0x3` with k = 3).
 *
 * @example
 * decimalNumber('1e-3'); // 0.001
 * decimalNumber(''); // NaN
 */
export function decimalNumber(text: string): number {
  return plainDecimal.test(text) ? Number(text) : NaN;
}
