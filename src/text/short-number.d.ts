/**
 * A number short enough for a progress line or a table cell: integers as they are, others to 4
 * significant digits without trailing zeros.
 *
 * @example
 * shortNumber(0.912345); // '0.9123'
 * shortNumber(128); // '128'
 */
export function shortNumber(x: number): string;
