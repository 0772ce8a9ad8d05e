// Focal loss: Lin, Goyal, Girshick, He & Dollár (2017), "Focal Loss for Dense Object
// Detection", ICCV. FL = −α_t (1 − p_t)^γ log p_t: the factor (1 − p_t)^γ shrinks the loss
// of examples the model already gets right, so training dwells on the hard ones.

import { classCounts, InputError, rowMax, type Loss, type Strategy } from '../src/plugin.ts';
import { inverseFrequency } from './class-frequency.ts';
import { lossStrategy } from './loss-strategy.ts';

/** α: 'none' (1 for every class), one number for every class, 'inverse' class frequency, or one weight per class. */
export type Alpha = 'none' | 'inverse' | number | readonly number[];

/** Focal loss's options (`focal:gamma=2,alpha=inverse,prior=true`). */
export interface FocalOptions {
  /** Focusing parameter γ >= 0 (default 2); γ = 0 is (weighted) cross-entropy. */
  gamma?: number;
  /** Class weights α (default 'inverse': n / (K · n_c), which averages 1 over the examples). */
  alpha?: Alpha;
  /** Start the output bias at the log class priors, the paper's prior initialisation (default false). */
  prior?: boolean;
}

function checkGamma(gamma: number): number {
  if (!(Number.isFinite(gamma) && gamma >= 0)) throw new InputError(`focal: gamma must be a number >= 0, got ${gamma}`);
  return gamma;
}

function checkAlpha(alpha: number | readonly number[]): void {
  for (const a of typeof alpha === 'number' ? [alpha] : alpha) {
    if (!(Number.isFinite(a) && a > 0)) throw new InputError(`focal: alpha must be > 0 for every class, got ${a}`);
  }
}

/**
 * Multi-class softmax focal loss, the factor applied per example before the mean:
 * L = (1/m) Σ_i −α_{y_i} (1 − p_i)^γ log p_i with p_i = softmax(z_i)[y_i]. Its gradient is
 * ∂L/∂z_j = α c (p_j − 1{j = y}) / m with c = (1 − p)^γ − γ p (1 − p)^{γ−1} log p.
 * For γ < 1 the term (1 − p)^{γ−1} blows up as p → 1, but log p / (1 − p) → −1, so c is
 * computed as (1 − p)^γ (1 − γ p · log p / (1 − p)), with 1 − p summed from the other
 * classes' terms (never as 1 − p) and the ratio from log1p: finite for saturated logits.
 * With γ = 0 and α = 1 every number equals softmaxCrossEntropy's, bit for bit.
 *
 * @example
 * const loss = focalLoss({ gamma: 2, alpha: [0.25, 0.75] });
 * const value = loss.compute(logits, labels, grad);
 */
export function focalLoss(options: { gamma?: number; alpha?: number | readonly number[] } = {}): Loss {
  const gamma = checkGamma(options.gamma ?? 2);
  const alpha = options.alpha ?? 1;
  checkAlpha(alpha);
  const weightOf = typeof alpha === 'number' ? () => alpha : (y: number) => alpha[y]!;
  return {
    name: gamma === 0 ? 'weighted cross-entropy' : `focal(γ=${gamma})`,
    compute(logits, labels, grad) {
      const { rows, cols, data } = logits;
      if (typeof alpha !== 'number' && alpha.length !== cols) throw new RangeError(`focal: ${alpha.length} class weights for ${cols} classes`);
      let total = 0;
      for (let i = 0; i < rows; i++) {
        const o = i * cols;
        const y = labels[i]!;
        const max = rowMax(data, o, cols);
        // Summed in softmaxCrossEntropy's order, so that γ = 0, α = 1 reproduces it exactly.
        let sum = 0;
        let others = 0;
        for (let j = 0; j < cols; j++) {
          const e = Math.exp(data[o + j]! - max);
          sum += e;
          if (j !== y) others += e;
        }
        const logSum = Math.log(sum);
        const logP = data[o + y]! - max - logSum;
        const q = others / sum; // 1 − p
        // log p / (1 − p): from log1p while p > 1/2 (where log p loses digits), else directly.
        const ratio = q === 0 ? -1 : q < 0.5 ? -Math.log1p(others / Math.exp(data[o + y]! - max)) / q : logP / q;
        const a = weightOf(y);
        const focus = Math.pow(q, gamma);
        total += a * focus * -logP;
        if (grad) {
          const c = a * (gamma === 0 ? 1 : focus * (1 - gamma * Math.exp(logP) * ratio));
          for (let j = 0; j < cols; j++) {
            grad[o + j] = (c * (Math.exp(data[o + j]! - max - logSum) - (j === y ? 1 : 0))) / rows;
          }
          // p − 1 rounds to 0 as p → 1, where the focal factor still leaves a gradient:
          // −q keeps it (at γ = 0 the line above is cross-entropy's own arithmetic).
          if (gamma !== 0) grad[o + y] = (c * -q) / rows;
        }
      }
      return total / rows;
    },
  };
}

/**
 * The α of each class for an Alpha setting and the training class counts.
 *
 * @example
 * resolveAlpha('inverse', [3, 1]); // [2/3, 2]
 */
export function resolveAlpha(alpha: Alpha, counts: readonly number[]): number | readonly number[] {
  if (alpha === 'none') return 1;
  if (alpha === 'inverse') return inverseFrequency(counts);
  if (typeof alpha !== 'number' && alpha.length !== counts.length) {
    throw new InputError(`focal: alpha has ${alpha.length} weights but the data has ${counts.length} classes`);
  }
  return alpha;
}

/**
 * The focal-loss strategy: trains with focalLoss, α from the training split it is given.
 *
 * @example
 * resolveStrategy('focal:gamma=2,alpha=inverse,prior=true');
 */
export function focal(options: FocalOptions = {}): Strategy {
  const gamma = checkGamma(options.gamma ?? 2);
  const alpha = options.alpha ?? 'inverse';
  if (typeof alpha !== 'string') checkAlpha(alpha);
  return lossStrategy(
    (train) => focalLoss({ gamma, alpha: resolveAlpha(alpha, classCounts(train)) }),
    { priorBias: options.prior ?? false },
  );
}
