import { l1Penalty, l2Penalty } from '../tensor/update.ts';
import type { Param } from './layer.ts';

/** Strengths of the weight penalties; 0 turns one off. */
export interface Penalties {
  l1: number;
  l2: number;
}

/**
 * The lecture's L1 (λ|w|) and L2 (λw²) terms over every penalised parameter (weights,
 * not biases or batch-norm γ, β): adds their gradients to the parameters' gradients and
 * returns the value to add to the loss.
 */
export function applyPenalties(params: readonly Param[], { l1, l2 }: Penalties): number {
  let total = 0;
  for (const p of params) {
    if (!p.penalised) continue;
    const n = p.value.data.length;
    if (l1 > 0) total += l1Penalty(p.value.data, p.grad.data, l1, n);
    if (l2 > 0) total += l2Penalty(p.value.data, p.grad.data, l2, n);
  }
  return total;
}
