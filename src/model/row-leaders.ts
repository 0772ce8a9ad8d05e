/**
 * Each row's best and runner-up class of `logP + bias` (first index on ties, as `argmaxRows`
 * breaks them), kept up to date as one class's bias moves. With them, the arg-max under a new
 * bias for class c is one comparison per row: c's shifted value against the best other class.
 * Rows holding NaN are left to a full scan (`nan`), where the arg-max follows the scan order.
 */
export interface RowLeaders {
  first: Int32Array;
  firstValue: Float64Array;
  second: Int32Array;
  secondValue: Float64Array;
  /** Rows with a NaN among their values. */
  nan: number[];
}

/** The first arg-max of row i of `logP + bias`, scanning every class (what `argmaxRows` does). */
export function scanRow(logP: Float64Array, cols: number, bias: ArrayLike<number>, i: number): number {
  let best = 0;
  let bestValue = logP[i * cols]! + bias[0]!;
  for (let j = 1; j < cols; j++) {
    const v = logP[i * cols + j]! + bias[j]!;
    if (v > bestValue) [best, bestValue] = [j, v];
  }
  return best;
}

function rescan(l: RowLeaders, logP: Float64Array, cols: number, bias: ArrayLike<number>, i: number): void {
  let [f, fv, s, sv] = [-1, -Infinity, -1, -Infinity];
  for (let j = 0; j < cols; j++) {
    const v = logP[i * cols + j]! + bias[j]!;
    if (f < 0 || v > fv) [s, sv, f, fv] = [f, fv, j, v];
    else if (s < 0 || v > sv) [s, sv] = [j, v];
  }
  [l.first[i], l.firstValue[i], l.second[i], l.secondValue[i]] = [f, fv, s, sv];
}

/**
 * The leaders of every row of `logP` (rows × cols, row-major) under `bias`.
 *
 * @example
 * rowLeaders(Float64Array.from([0, -1, -2]), 1, 3, [0, 2, 0]).first; // Int32Array [1]
 */
export function rowLeaders(logP: Float64Array, rows: number, cols: number, bias: ArrayLike<number>): RowLeaders {
  const l: RowLeaders = {
    first: new Int32Array(rows), firstValue: new Float64Array(rows), second: new Int32Array(rows), secondValue: new Float64Array(rows), nan: [],
  };
  for (let i = 0; i < rows; i++) {
    rescan(l, logP, cols, bias, i);
    if (Number.isNaN(l.firstValue[i]) || Number.isNaN(l.secondValue[i]) || logP.subarray(i * cols, (i + 1) * cols).some(Number.isNaN)) l.nan.push(i);
  }
  return l;
}

/**
 * Updates the leaders after `bias[c]` changed: a row where c led or ran up is scanned again
 * (on average 2·rows/cols of them); any other row only checks whether c now passes its leaders.
 */
export function moveLeaders(l: RowLeaders, logP: Float64Array, cols: number, bias: ArrayLike<number>, c: number): void {
  for (let i = 0; i < l.first.length; i++) {
    if (l.first[i] === c || l.second[i] === c) {
      rescan(l, logP, cols, bias, i);
      continue;
    }
    const v = logP[i * cols + c]! + bias[c]!;
    if (v > l.firstValue[i]! || (v === l.firstValue[i] && c < l.first[i]!)) {
      [l.second[i], l.secondValue[i], l.first[i], l.firstValue[i]] = [l.first[i]!, l.firstValue[i]!, c, v];
    } else if (v > l.secondValue[i]! || (v === l.secondValue[i] && c < l.second[i]!)) {
      [l.second[i], l.secondValue[i]] = [c, v];
    }
  }
}

/**
 * The arg-max of every row when class c's bias is `value` and the others' are as the leaders
 * were computed: O(rows) instead of O(rows × cols).
 *
 * @example
 * predictWithBias(leaders, logP, cols, bias, 2, 0.75, predicted);
 */
export function predictWithBias(
  l: RowLeaders, logP: Float64Array, cols: number, bias: readonly number[], c: number, value: number, out: Int32Array,
): void {
  for (let i = 0; i < out.length; i++) {
    const led = l.first[i] === c;
    const other = led ? l.second[i]! : l.first[i]!;
    const otherValue = led ? l.secondValue[i]! : l.firstValue[i]!;
    const v = logP[i * cols + c]! + value;
    out[i] = v > otherValue || (v === otherValue && c < other) ? c : other;
  }
  if (l.nan.length === 0) return;
  const trial = bias.slice();
  trial[c] = value;
  for (const i of l.nan) out[i] = scanRow(logP, cols, trial, i);
}
