import { kernelMatrix, type DType, type Matrix } from '../tensor/matrix.ts';

/**
 * Output buffers of a layer, one per batch size seen (full batches, the last partial
 * batch, evaluation chunks), so steady-state training allocates nothing.
 */
export function bufferCache(cols: number, dtype: DType): (rows: number) => Matrix {
  const cache = new Map<number, Matrix>();
  return (rows) => {
    let m = cache.get(rows);
    if (!m) {
      // Bound the cache for callers that predict on many different sizes.
      if (cache.size >= 8) cache.clear();
      m = kernelMatrix(rows, cols, dtype);
      cache.set(rows, m);
    }
    return m;
  };
}
