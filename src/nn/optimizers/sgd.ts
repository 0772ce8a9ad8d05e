import { sgdStep } from '../../tensor/update.ts';
import type { Optimizer } from './optimizer.ts';

/**
 * Plain stochastic gradient descent: W ← W − η·∂L/∂W.
 *
 * @example
 * sgd({ lr: 0.1 }).step(model.params);
 */
export function sgd({ lr }: { lr: number }): Optimizer {
  return {
    name: 'sgd',
    buffers: () => [],
    step(params) {
      for (const p of params) sgdStep(p.value.data, p.grad.data, lr, p.value.data.length);
    },
  };
}
