import { momentumStep } from '../../tensor/update.ts';
import { slots, type Optimizer } from './optimizer.ts';

/**
 * Momentum (Polyak 1964), as in the lecture: v ← α·v − η·∂L/∂W ; W ← W + v.
 *
 * @example
 * momentum({ lr: 0.01, alpha: 0.9 }).step(model.params);
 */
export function momentum({ lr, alpha = 0.9 }: { lr: number; alpha?: number }): Optimizer {
  const state = slots(1);
  return {
    name: 'momentum',
    buffers: state.all,
    step(params) {
      for (const p of params) {
        const [v] = state(p);
        momentumStep(p.value.data, p.grad.data, v!, lr, alpha, p.value.data.length);
      }
    },
  };
}
