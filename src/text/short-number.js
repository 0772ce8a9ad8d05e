// Plain JavaScript (typed by ./short-number.d.ts) so the dashboard's page, a browser module that is
// served and not built, shortens numbers with the same code as the terminal and the worker logs.

/**
 * A number short enough for a progress line or a table cell: integers as they are, others to 4
 * significant digits without trailing zeros.
 *
 * @example
 * shortNumber(0.912345); // '0.9123'
 * shortNumber(128); // '128'
 */
export function shortNumber(x) {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}
