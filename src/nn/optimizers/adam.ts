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
  // The step count lives in a buffer so a checkpoint saves it with the moments.
  const count = new Float64Array(1);
  return {
    name: 'adam',
    buffers: (params) => [count, ...state.all(params)],
    step(params) {
      const t = (count[0] = count[0]! + 1);
      for (const p of params) {
        const [m, v] = state(p);
        adamStep(p.value.data, p.grad.data, m!, v!, lr, beta1, beta2, epsilon, t, p.value.data.length);
      }
    },
  };
}
