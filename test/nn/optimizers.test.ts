import { describe, expect, it } from 'vitest';
import { createOptimizer, fromRows, optimizerNames, type OptimizerConfig, type Param } from '../../src/internal.ts';

// Two steps from w = [1, −2] with gradients g1 = [0.5, −1] then g2 = [0.25, 0.5],
// worked by hand from each update rule (intermediate values in the comments).
function twoSteps(config: OptimizerConfig): [number[], number[]] {
  const param: Param = { name: 'w', value: fromRows([[1, -2]], 'float64'), grad: fromRows([[0, 0]], 'float64'), penalised: true };
  const optimizer = createOptimizer(config);
  param.grad.data.set([0.5, -1]);
  optimizer.step([param]);
  const first = [...param.value.data];
  param.grad.data.set([0.25, 0.5]);
  optimizer.step([param]);
  return [first, [...param.value.data]];
}

const cases: [string, OptimizerConfig, number[], number[]][] = [
  // w − ηg: 1 − 0.05 = 0.95; then 0.95 − 0.025 = 0.925
  ['sgd', { name: 'sgd', lr: 0.1 }, [0.95, -1.9], [0.925, -1.95]],
  // v1 = −ηg1 = [−0.05, 0.1]; v2 = 0.9·v1 − ηg2 = [−0.07, 0.04]
  ['momentum', { name: 'momentum', lr: 0.1, alpha: 0.9 }, [0.95, -1.9], [0.88, -1.86]],
  // h1 = [0.25, 1] → steps 0.1·0.5/0.5 = 0.1; h2 = [0.3125, 1.25] → 0.025/0.559017 = 0.0447214
  ['adagrad', { name: 'adagrad', lr: 0.1 }, [0.9, -1.9], [0.8552787, -1.9447214]],
  // h1 = 0.1·g1² = [0.025, 0.1] → 0.005/0.158114 = 0.0316228; h2 = [0.02875, 0.115] → 0.0025/0.169558 = 0.0147442
  ['rmsprop', { name: 'rmsprop', lr: 0.01, rho: 0.9 }, [0.9683772, -1.9683772], [0.9536331, -1.9831214]],
  // t = 1: m̂ = g1, v̂ = g1² → step η·sign(g1); t = 2: m = [0.07, −0.04], m̂ = m/0.19,
  // v = [0.00031225, 0.00124875], v̂ = v/0.001999 → steps [0.0932180, −0.0266337]
  ['adam', { name: 'adam', lr: 0.1 }, [0.9, -1.9], [0.8067820, -1.8733663]],
];

describe('optimizers: the first two steps equal hand-computed values', () => {
  it.each(cases)('%s', (_, config, first, second) => {
    const [w1, w2] = twoSteps(config);
    w1.forEach((v, i) => expect(v).toBeCloseTo(first[i]!, 6));
    w2.forEach((v, i) => expect(v).toBeCloseTo(second[i]!, 6));
  });

  it('covers every registered optimizer', () => {
    expect(cases.map((c) => c[0]).sort()).toEqual([...optimizerNames].sort());
  });
});

describe.each(optimizerNames)('contract: %s', (name) => {
  it('lowers the loss of a convex quadratic f(w) = Σ a_i (w_i − c_i)²', () => {
    const a = [1, 3, 0.5];
    const c = [2, -1, 4];
    const param: Param = { name: 'w', value: fromRows([[0, 0, 0]], 'float64'), grad: fromRows([[0, 0, 0]], 'float64'), penalised: true };
    const f = () => a.reduce((s, ai, i) => s + ai * (param.value.data[i]! - c[i]!) ** 2, 0);
    const optimizer = createOptimizer({ name, lr: 0.05 });
    const before = f();
    for (let step = 0; step < 200; step++) {
      a.forEach((ai, i) => (param.grad.data[i] = 2 * ai * (param.value.data[i]! - c[i]!)));
      optimizer.step([param]);
    }
    expect(f()).toBeLessThan(before / 2);
  });
});
