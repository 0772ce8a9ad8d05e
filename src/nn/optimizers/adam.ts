import { adamStep } from '../../tensor/update.ts';
import { slots, type Optimizer } from './optimizer.ts';

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015): Momentum's first moment plus AdaGrad-like scaling by the second,
 * both bias-corrected.
 *
 * @example
 * adam({ lr: 0.001 }).step(model.params);
 */
export function adam({ lr, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions): Optimizer {
  const state = slots(2);
  let t = 0;
  return {
    name: 'adam',
    step(params) {
      t++;
      for (const p of params) {
        const [m, v] = state(p);
        adamStep(p.value.data, p.grad.data, m!, v!, lr, beta1, beta2, epsilon, t, p.value.data.length);
      }
    },
  };
}
