import { addRowVector } from '../tensor/elementwise.ts';
import { matrix, type Matrix } from '../tensor/matrix.ts';
import { softmaxRows } from '../tensor/softmax.ts';

/**
 * How probabilities become decisions (`--decision`):
 * - `argmax`: the network's probabilities as they are, the most probable class wins;
 * - `temperature`: probabilities recalibrated by one temperature (Guo et al. 2017), same arg-max;
 * - `prior`: prior correction, one log-bias per class moving the priors the training strategy
 *   taught (resampling, weighting) back to the class frequencies of the validation split;
 * - `tuned`: per-class log-biases (thresholds) chosen to maximise the study's metric on validation.
 */
export const decisionRuleNames = ['argmax', 'temperature', 'prior', 'tuned'] as const;
export type DecisionRuleName = (typeof decisionRuleNames)[number];

/**
 * A fitted rule: probabilities p become softmax(log p / temperature + bias). Every rule is
 * fitted on the validation split only, never on the test split.
 */
export interface DecisionRule {
  rule: DecisionRuleName;
  temperature: number;
  /** One log-bias per class; zeros for `argmax` and `temperature`. */
  bias: number[];
  /** The metric a `tuned` rule maximised; null for the others. */
  metric: string | null;
}

/**
 * The rule that changes nothing: plain arg-max of the network's probabilities.
 *
 * @example
 * argmaxRule(2); // { rule: 'argmax', temperature: 1, bias: [0, 0], metric: null }
 */
export function argmaxRule(classes: number): DecisionRule {
  return { rule: 'argmax', temperature: 1, bias: new Array<number>(classes).fill(0), metric: null };
}

// Probabilities that underflowed to 0 stay finite in log space, far below any real class.
const floor = 1e-300;

/**
 * The rule's probabilities. The identity rule returns its input untouched, so an `argmax`
 * model's probabilities are bit for bit the network's.
 *
 * @example
 * const adjusted = applyDecision(model.predictProba(x), { rule: 'prior', temperature: 1, bias: [0.3, -0.3], metric: null });
 */
export function applyDecision(probabilities: Matrix, rule: DecisionRule): Matrix {
  if (rule.temperature === 1 && rule.bias.every((b) => b === 0)) return probabilities;
  const z = matrix(probabilities.rows, probabilities.cols, 'float64');
  const p = probabilities.data;
  for (let i = 0; i < p.length; i++) z.data[i] = Math.log(Math.max(p[i]!, floor)) / rule.temperature;
  addRowVector(z, Float64Array.from(rule.bias));
  const out = matrix(probabilities.rows, probabilities.cols, 'float64');
  softmaxRows(z, out.data);
  return out;
}
