// Row kernels of a training step: gathering a shuffled mini-batch into the batch buffer,
// and each row's arg-max. Each does what its TypeScript twin does (../../matrix.ts,
// ../../elementwise.ts), so results never depend on which ran.

/**
 * Copies rows order[offset … offset+count) of the rows×cols matrix at `src` into the
 * first `count` rows at `dst`, and their labels from `labels` into `batchLabels` (when
 * `labels` is not 0): one call per step instead of a copy loop per row in JavaScript.
 */
export function gatherRows(
  src: usize, cols: i32, order: usize, offset: i32, count: i32, dst: usize, labels: usize, batchLabels: usize,
): void {
  const rowBytes = <usize>cols << 2;
  let at = order + (<usize>offset << 2);
  for (let r = 0; r < count; r++) {
    const index = <usize>load<i32>(at);
    memory.copy(dst, src + index * rowBytes, rowBytes);
    if (labels) store<i32>(batchLabels + (<usize>r << 2), load<i32>(labels + (index << 2)));
    dst += rowBytes;
    at += 4;
  }
}

/** out[i] = the index of the largest value of row i: the first on ties; comparisons with NaN are false, as in TypeScript. */
export function argmaxRows(m: usize, rows: i32, cols: i32, out: usize): void {
  let row = m;
  const rowBytes = <usize>cols << 2;
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let bestValue = load<f32>(row);
    for (let j = 1; j < cols; j++) {
      const v = load<f32>(row + (<usize>j << 2));
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    store<i32>(out + (<usize>i << 2), best);
    row += rowBytes;
  }
}
