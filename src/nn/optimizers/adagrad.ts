import { adagradStep } from '../../tensor/update.ts';
import { slots, type Optimizer } from './optimizer.ts';

/**
 * AdaGrad (Duchi et al. 2011): h ← h + g⊙g ; W ← W − η·g/(√h + ε).
 * (The lecture's slide prints "+ η"; descent needs the minus.)
 *
 * @example
 * adagrad({ lr: 0.01 }).step(model.params);
 */
export function adagrad({ lr, epsilon = 1e-7 }: { lr: number; epsilon?: number }): Optimizer {
  const state = slots(1);
  return {
    name: 'adagrad',
    buffers: state.all,
    step(params) {
      for (const p of params) {
        const [h] = state(p);
        adagradStep(p.value.data, p.grad.data, h!, lr, epsilon, p.value.data.length);
      }
    },
  };
}
