import { bernoulliMask, multiply } from '../../tensor/elementwise.ts';
import type { DType } from '../../tensor/matrix.ts';
import type { Rng } from '../../tensor/rng.ts';
import { bufferCache } from '../buffers.ts';
import type { Layer } from '../layer.ts';

/**
 * Inverted dropout (Srivastava et al. 2014): in training each unit is kept with
 * probability 1 − rate and scaled by 1/(1 − rate), so inference is the identity.
 *
 * @example
 * const layer = dropout(0.2, 100, createRng(1));
 */
export function dropout(rate: number, features: number, rng: Rng, dtype: DType = 'float32'): Layer {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout rate must be in [0, 1), got ${rate}`);
  const keep = 1 - rate;
  const scale = 1 / keep;
  const maskBuffer = bufferCache(features, dtype);
  const out = bufferCache(features, dtype);
  const dxBuffer = bufferCache(features, dtype);
  let mask: Float32Array | Float64Array | undefined;
  return {
    kind: 'dropout',
    params: [],
    forward(x, mode) {
      if (mode === 'eval' || rate === 0) {
        mask = undefined;
        return x;
      }
      const m = maskBuffer(x.rows).data;
      bernoulliMask(m, keep, scale, m.length, rng.uniform);
      const y = out(x.rows);
      multiply(x.data, m, y.data, m.length);
      mask = m;
      return y;
    },
    backward(dy) {
      if (!mask) return dy;
      const dx = dxBuffer(dy.rows);
      multiply(dy.data, mask, dx.data, mask.length);
      return dx;
    },
  };
}
