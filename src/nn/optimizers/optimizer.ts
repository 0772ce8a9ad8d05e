import { kernelMatrix, type Float } from '../../tensor/matrix.ts';
import type { Param } from '../layer.ts';

/**
 * Updates parameters from their gradients; keeps any per-parameter state itself.
 *
 * @example
 * const opt = adam({ lr: 0.001 });
 * opt.step(model.params);
 */
export interface Optimizer {
  readonly name: string;
  step(params: readonly Param[]): void;
  /**
   * The optimizer's state for these parameters as live buffers in a fixed order (made,
   * zero-filled, if no step made them yet): a checkpoint copies them out and back in.
   */
  buffers(params: readonly Param[]): Float[];
}

/**
 * Per-parameter state buffers (velocity, squared-gradient sums…), created at the first
 * step with the parameter's shape and dtype, zero-filled.
 */
export function slots(count: number): ((param: Param) => Float[]) & { all(params: readonly Param[]): Float[] } {
  const state = new Map<Param, Float[]>();
  const of = (param: Param): Float[] => {
    let s = state.get(param);
    if (!s) {
      const like = param.value.data;
      const dtype = like instanceof Float64Array ? 'float64' : 'float32';
      s = Array.from({ length: count }, () => kernelMatrix(1, like.length, dtype).data);
      state.set(param, s);
    }
    return s;
  };
  return Object.assign(of, { all: (params: readonly Param[]) => params.flatMap(of) });
}
