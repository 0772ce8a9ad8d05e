import type { Matrix } from '../tensor/matrix.ts';

/**
 * Area under the ROC curve of `scores` for the rows where `positive` is true, as the
 * Mann–Whitney statistic: the chance that a random positive outscores a random negative,
 * ties counting one half (the trapezoidal ROC area). `null` when there are no positives or
 * no negatives: the curve does not exist; NaN when a score is NaN.
 *
 * @example
 * rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]); // 0.75
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  if (hasNaN(scores)) return NaN;
  const order = ascending(scores);
  let positives = 0;
  let rankSum = 0;
  // Ranks 1…n; a run of equal scores shares the mean of its ranks.
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    const meanRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) {
      if (positive[order[i]!]) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Area under the precision–recall curve as average precision (the step-wise sum
 * AP = Σ (R_n − R_{n−1})·P_n over the distinct thresholds, scikit-learn's
 * `average_precision_score`); no interpolation, which would flatter the curve. Tied scores
 * form one threshold. `null` when there are no positives; NaN when a score is NaN.
 *
 * @example
 * averagePrecision([0.1, 0.4, 0.35, 0.8], [false, false, true, true]); // (1 + 2/3) / 2
 */
export function averagePrecision(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  if (hasNaN(scores)) return NaN;
  const order = ascending(scores).reverse();
  let positives = 0;
  for (let i = 0; i < order.length; i++) if (positive[i]) positives++;
  if (positives === 0) return null;
  let truePositives = 0;
  let seen = 0;
  let sum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    let gained = 0;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) {
      if (positive[order[end]!]) gained++;
      end++;
    }
    truePositives += gained;
    seen = end;
    sum += (gained / positives) * (truePositives / seen);
    start = end;
  }
  return sum;
}

/**
 * Per-class one-vs-rest areas from a probability matrix (one column per class).
 *
 * @example
 * oneVsRest([0, 1], fromRows([[0.9, 0.1], [0.2, 0.8]])); // { rocAuc: [1, 1], prAuc: [1, 1] }
 */
export function oneVsRest(truth: ArrayLike<number>, probabilities: Matrix): { rocAuc: (number | null)[]; prAuc: (number | null)[] } {
  const { rows, cols, data } = probabilities;
  if (rows !== truth.length) {
    throw new RangeError(`oneVsRest: ${truth.length} true labels but ${rows} rows of probabilities`);
  }
  const scores = new Float64Array(rows);
  const positive = new Array<boolean>(rows);
  const roc: (number | null)[] = [];
  const pr: (number | null)[] = [];
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < rows; i++) {
      scores[i] = data[i * cols + c]!;
      positive[i] = truth[i] === c;
    }
    roc.push(rocAuc(scores, positive));
    pr.push(averagePrecision(scores, positive));
  }
  return { rocAuc: roc, prAuc: pr };
}

// A NaN score (a network whose last step diverged) equals nothing, itself included: a run of
// equal scores starting at it would never end. Its area is NaN, as its scores are.
function hasNaN(scores: ArrayLike<number>): boolean {
  for (let i = 0; i < scores.length; i++) if (Number.isNaN(scores[i])) return true;
  return false;
}

function ascending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
}
