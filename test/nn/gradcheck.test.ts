import { describe, expect, it } from 'vitest';
import {
  activation, activationNames, applyPenalties, batchNorm, createRng, dense, dropout, heNormal, mlp,
  numericalGradient, relativeError, softmaxCrossEntropy, type Layer, type Matrix,
} from '../../src/internal.ts';
import { randomLabels, randomMatrix, replayingRng } from '../helpers/random.ts';

// Every layer, the loss and the penalties against central differences, in float64.
// The scalar objective Σ y ⊙ R has ∂/∂y = R, so backward(R) must give its gradient.

const tolerance = 1e-5;

function checkLayer(layer: Layer, x: Matrix, beforeForward: () => void = () => {}) {
  const rng = createRng('upstream');
  const probe = randomMatrix(x.rows, layer.forward(x, 'train').cols, rng);
  const objective = () => {
    beforeForward();
    const y = layer.forward(x, 'train');
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += y.data[i]! * probe.data[i]!;
    return s;
  };
  objective();
  const dx = Float64Array.from(layer.backward(probe).data);
  const analytic = layer.params.map((p) => Float64Array.from(p.grad.data));
  expect(relativeError(dx, numericalGradient(objective, x.data))).toBeLessThan(tolerance);
  layer.params.forEach((p, i) => {
    expect(relativeError(analytic[i]!, numericalGradient(objective, p.value.data)), p.name).toBeLessThan(tolerance);
  });
}

describe('gradient check (float64, relative error < 1e-5)', () => {
  const rng = createRng(7);

  it('dense: ∂x, ∂W and ∂b', () => {
    const layer = dense({ inputs: 5, outputs: 4, init: heNormal(), rng, dtype: 'float64' });
    checkLayer(layer, randomMatrix(6, 5, rng));
  });

  it.each(activationNames)('%s', (name) => {
    // Shift inputs away from ReLU's kink at 0, where the derivative is undefined.
    const x = randomMatrix(4, 6, rng);
    for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]!) < 0.05) x.data[i] = 0.3;
    checkLayer(activation(name, 6, 'float64'), x);
  });

  it('dropout with a fixed mask', () => {
    const replay = replayingRng(3);
    checkLayer(dropout(0.3, 6, replay, 'float64'), randomMatrix(5, 6, rng), replay.reset);
  });

  it('batch norm in training mode: ∂x (through the batch statistics), ∂γ and ∂β', () => {
    const layer = batchNorm(4, { dtype: 'float64' });
    layer.params[0]!.value.data.set([0.5, 1.5, -1, 2]);
    layer.params[1]!.value.data.set([0.1, -0.2, 0.3, 0]);
    checkLayer(layer, randomMatrix(8, 4, rng, 2));
  });

  it('softmax cross-entropy: ∂(mean loss)/∂logits', () => {
    const logits = randomMatrix(5, 4, rng, 3);
    const labels = randomLabels(5, 4, rng);
    const loss = softmaxCrossEntropy();
    const grad = new Float64Array(logits.data.length);
    loss.compute(logits, labels, grad);
    const numeric = numericalGradient(() => loss.compute(logits, labels, null), logits.data);
    expect(relativeError(grad, numeric)).toBeLessThan(tolerance);
  });

  it.each([
    ['L1', { l1: 0.3, l2: 0 }],
    ['L2', { l1: 0, l2: 0.3 }],
    ['L1 and L2', { l1: 0.1, l2: 0.2 }],
  ])('%s penalty on weights, not on biases', (_, penalties) => {
    const layer = dense({ inputs: 4, outputs: 3, init: heNormal(), rng, dtype: 'float64' });
    layer.params[1]!.value.data.set([0.5, -0.5, 1]);
    for (const p of layer.params) p.grad.data.fill(0);
    const value = applyPenalties(layer.params, penalties);
    const [weight, bias] = layer.params;
    const numeric = numericalGradient(() => applyPenalties([{ ...weight!, grad: randomMatrix(4, 3, rng) }], penalties), weight!.value.data);
    expect(relativeError(weight!.grad.data, numeric)).toBeLessThan(tolerance);
    expect([...bias!.grad.data]).toEqual([0, 0, 0]);
    const w = [...weight!.value.data];
    expect(value).toBeCloseTo(penalties.l1 * w.reduce((s, v) => s + Math.abs(v), 0) + penalties.l2 * w.reduce((s, v) => s + v * v, 0), 12);
  });

  it('a whole MLP with batch norm: loss + L2 through every parameter', () => {
    const model = mlp(
      { inputs: 6, outputs: 3, hidden: [5, 4], activation: 'tanh', init: 'xavier', batchnorm: true, dropout: 0 },
      createRng(11), 'float64',
    );
    const x = randomMatrix(7, 6, rng);
    const labels = randomLabels(7, 3, rng);
    const loss = softmaxCrossEntropy();
    const penalties = { l1: 0, l2: 0.01 };
    const grad = new Float64Array(7 * 3);
    const logits = model.forward(x, 'train');
    loss.compute(logits, labels, grad);
    model.backward({ rows: 7, cols: 3, data: grad });
    applyPenalties(model.params, penalties);
    const analytic = model.params.map((p) => Float64Array.from(p.grad.data));
    const objective = () =>
      loss.compute(model.forward(x, 'train'), labels, null) +
      model.params.reduce((s, p) => s + (p.penalised ? penalties.l2 * Array.from(p.value.data).reduce((a, v) => a + v * v, 0) : 0), 0);
    model.params.forEach((p, i) => {
      const numeric = numericalGradient(objective, p.value.data);
      if (i === 1 || i === 5) {
        // Batch norm subtracts the batch mean, so a bias just before it has no effect: both ~0.
        expect(Math.max(...analytic[i]!.map(Math.abs), ...numeric.map(Math.abs))).toBeLessThan(1e-9);
      } else {
        expect(relativeError(analytic[i]!, numeric), `${p.name} #${i}`).toBeLessThan(tolerance);
      }
    });
  });
});
