// Numbers a loss strategy derives from the training split's class counts.

/**
 * Class weights inverse to frequency, n / (K · n_c) over the K classes present (scikit-learn's
 * "balanced"): their mean over the examples is 1, so the loss keeps its scale. A class
 * absent from the counts gets 1.
 *
 * @example
 * inverseFrequency([90, 10]); // [100/180, 100/20] ≈ [0.556, 5]
 */
export function inverseFrequency(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((n) => n > 0).length;
  return counts.map((n) => (n > 0 ? total / (present * n) : 1));
}

/**
 * log π_c with add-one smoothing, (n_c + 1) / (n + K), so that a class missing from the
 * training split starts rare rather than at log 0 = −∞. Under softmax, biases b_c = log π_c
 * make the untrained network predict the priors: the multi-class form of Lin et al.
 * (2017)'s prior initialisation b = −log((1 − π)/π).
 *
 * @example
 * logPriors([9, 1]); // [log(10/12), log(2/12)]
 */
export function logPriors(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0) + counts.length;
  return counts.map((n) => Math.log((n + 1) / total));
}
