import { rmspropStep } from '../../tensor/update.ts';
import { slots, type Optimizer } from './optimizer.ts';

/**
 * RMSProp (Tieleman & Hinton 2012): h ← ρ·h + (1 − ρ)·g⊙g ; W ← W − η·g/(√h + ε).
 *
 * @example
 * rmsprop({ lr: 0.001, rho: 0.9 }).step(model.params);
 */
export function rmsprop({ lr, rho = 0.9, epsilon = 1e-7 }: { lr: number; rho?: number; epsilon?: number }): Optimizer {
  const state = slots(1);
  return {
    name: 'rmsprop',
    buffers: state.all,
    step(params) {
      for (const p of params) {
        const [h] = state(p);
        rmspropStep(p.value.data, p.grad.data, h!, lr, rho, epsilon, p.value.data.length);
      }
    },
  };
}
