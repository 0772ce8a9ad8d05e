// Softmax cross-entropy and its gradient in one pass over the logits, in float64 as its
// TypeScript twin computes it (../../reference/cross-entropy.ts): the same operations in
// the same order. exp and log are the JavaScript engine's Math.exp and Math.log, imported
// (V8 calls its own C implementations of them directly from WebAssembly): AssemblyScript's
// own (musl's) differ from them in the last bit of some float64 results, which moved the
// recorded losses of the committed reports.

// @ts-ignore: decorator
@external('env', 'exp')
declare function exp(x: f64): f64;

// @ts-ignore: decorator
@external('env', 'log')
declare function log(x: f64): f64;

/**
 * Mean over the rows of −log softmax(z)[y], with z a row of the rows×cols float32 logits
 * at `logits` and y its label at `labels` (int32); when `grad` is not 0, writes
 * (softmax(z) − onehot(y)) / rows there, rounded to float32.
 */
export function crossEntropy(logits: usize, labels: usize, rows: i32, cols: i32, grad: usize): f64 {
  const rowBytes = <usize>cols << 2;
  let total: f64 = 0;
  let row = logits;
  let out = grad;
  for (let i = 0; i < rows; i++) {
    let max: f64 = -Infinity;
    for (let j = 0; j < cols; j++) {
      const v = <f64>load<f32>(row + (<usize>j << 2));
      if (v > max) max = v;
    }
    let sum: f64 = 0;
    for (let j = 0; j < cols; j++) sum += exp(<f64>load<f32>(row + (<usize>j << 2)) - max);
    const logSum = log(sum);
    const y = load<i32>(labels + (<usize>i << 2));
    total -= <f64>load<f32>(row + (<usize>y << 2)) - max - logSum;
    if (grad) {
      for (let j = 0; j < cols; j++) {
        const p = exp(<f64>load<f32>(row + (<usize>j << 2)) - max - logSum);
        store<f32>(out + (<usize>j << 2), <f32>((p - (j == y ? 1 : 0)) / rows));
      }
      out += rowBytes;
    }
    row += rowBytes;
  }
  return total / rows;
}
