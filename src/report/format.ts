import type { Json } from '../search/space.ts';

/**
 * Text from data (class names, column names, file names) made safe for markdown and HTML:
 * it cannot close a table cell, start code or emphasis, or open a tag.
 *
 * @example
 * escapeMarkdown('a|b <script>'); // 'a\\|b &lt;script&gt;'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}

/** A number with `digits` decimals; "—" for a missing value. */
export function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);
}

/** "0.912 (0.901–0.925)": a mean with its interval. */
export function withInterval(mean: number, low: number, high: number, digits = 3): string {
  return `${fixed(mean, digits)} (${fixed(low, digits)}–${fixed(high, digits)})`;
}

/** A number in engineering style for hyperparameters: 0.00123 → 1.23e-3, 128 → 128. */
export function compact(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-2 || abs >= 1e4)) {
    const [mantissa, exponent] = x.toExponential(2).split('e');
    return `${mantissa}e${Number(exponent)}`;
  }
  return x.toPrecision(3);
}

/**
 * A hyperparameter's value as a table shows it: numbers in `compact` form, text as it is.
 *
 * @example
 * valueText(0.00123); // '1.23e-3'
 */
export const valueText = (v: Json): string => (typeof v === 'number' ? compact(v) : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A strategy spec as the report shows it: numbers written short (`focal:gamma=0.852`). The
 * exact spec, as the trial trained, is in report.json.
 *
 * @example
 * specText('smote:k=5+focal:gamma=0.8517308032419697'); // 'smote:k=5+focal:gamma=0.852'
 */
export const specText = (spec: string): string => spec.replace(/=(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?=[,+]|$)/g, (_, n: string) => `=${compact(Number(n))}`);
