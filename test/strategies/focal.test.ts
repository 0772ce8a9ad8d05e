import { describe, expect, it } from 'vitest';
import { createRng, fromRows, matrix, softmaxCrossEntropy, type Loss, type Matrix } from '../../src/internal.ts';
import { inverseFrequency, logPriors } from '../../strategies/class-frequency.ts';
import { focalLoss, resolveAlpha } from '../../strategies/focal.ts';

function randomLogits(rows: number, cols: number, seed: string, scale = 3): Matrix {
  const rng = createRng(seed);
  const z = matrix(rows, cols, 'float64');
  for (let i = 0; i < z.data.length; i++) z.data[i] = rng.normal(0, scale);
  return z;
}

const labelsFor = (rows: number, cols: number) => Int32Array.from({ length: rows }, (_, i) => (i * 7) % cols);

/** ∂L/∂z by central differences, in float64. */
function numericGradient(loss: Loss, z: Matrix, labels: Int32Array, h = 1e-5): Float64Array {
  const g = new Float64Array(z.data.length);
  for (let i = 0; i < z.data.length; i++) {
    const keep = z.data[i]!;
    z.data[i] = keep + h;
    const up = loss.compute(z, labels, null);
    z.data[i] = keep - h;
    const down = loss.compute(z, labels, null);
    z.data[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

describe('focalLoss (Lin et al. 2017)', () => {
  it('equals cross-entropy exactly at γ = 0 and α = 1, value and gradient', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const z = randomLogits(17, 5, `ce-${dtype}`);
      const logits = dtype === 'float32' ? { ...z, data: Float32Array.from(z.data) } : z;
      const labels = labelsFor(17, 5);
      const gradFocal = new Float64Array(85);
      const gradCe = new Float64Array(85);
      const focal = focalLoss({ gamma: 0, alpha: 1 }).compute(logits, labels, gradFocal);
      expect(focal).toBe(softmaxCrossEntropy().compute(logits, labels, gradCe));
      expect(gradFocal).toEqual(gradCe);
    }
  });

  it('is −α (1 − p)^γ log p on a hand-worked example', () => {
    // logits (0, ln 3): p = (1/4, 3/4); label 1, γ = 2, α₁ = 0.5: −0.5 · (1/4)² · ln(3/4)
    const value = focalLoss({ gamma: 2, alpha: [2, 0.5] }).compute(fromRows([[0, Math.log(3)]], 'float64'), Int32Array.of(1), null);
    expect(value).toBeCloseTo(-0.5 * (1 / 16) * Math.log(0.75), 14);
  });

  it.each([0.5, 2, 5])('passes the numerical gradient check at γ = %f with α set', (gamma) => {
    const cols = 4;
    const z = randomLogits(12, cols, `grad-${gamma}`, 2);
    const labels = labelsFor(12, cols);
    const loss = focalLoss({ gamma, alpha: [0.25, 1.5, 0.75, 2] });
    const analytic = new Float64Array(z.data.length);
    loss.compute(z, labels, analytic);
    const numeric = numericGradient(loss, z, labels);
    // Central differences of an O(1) loss with h = 1e-5 carry ~1e-11 of round-off, so the
    // relative error is taken against at least 1e-5 (an absolute 1e-10 on tiny entries).
    for (let i = 0; i < analytic.length; i++) {
      const scale = Math.max(Math.abs(analytic[i]!), Math.abs(numeric[i]!), 1e-5);
      expect(Math.abs(analytic[i]! - numeric[i]!) / scale).toBeLessThan(1e-5);
    }
    // The check has teeth only if most entries are well above that floor.
    expect(analytic.filter((g) => Math.abs(g) > 1e-4).length).toBeGreaterThan(analytic.length / 2);
  });

  it.each([0.1, 0.5, 0.99])('keeps gradients finite for saturated logits at γ = %f', (gamma) => {
    const z = fromRows([[80, -80, 0], [-700, 700, 0], [1e-3, 0, 0], [40, 40, -40]], 'float64');
    const labels = Int32Array.of(0, 0, 1, 1);
    const grad = new Float64Array(12);
    const value = focalLoss({ gamma, alpha: 2 }).compute(z, labels, grad);
    expect(Number.isFinite(value)).toBe(true);
    for (const g of grad) expect(Number.isFinite(g)).toBe(true);
    // Right and sure (row 0): vanishing loss and gradient. Wrong and sure (row 1): gradient α/m per logit.
    expect(Math.abs(grad[0]!)).toBeLessThan(1e-30);
    expect(grad[3]).toBeCloseTo(-2 / 4, 10);
  });

  it('keeps its precision as p → 1, where 1 − p and log p lose their digits', () => {
    // Two classes, logits (40, 0), label 0: q = 1 − p = σ(−40), log p = −log1p(e^−40) ≈ −q,
    // so c = q^γ (1 + γ p) and ∂L/∂z₀ = −c·q, which log p = 0 (its rounded value) would miss.
    const gamma = 0.5;
    const q = 1 / (1 + Math.exp(40));
    const grad = new Float64Array(2);
    focalLoss({ gamma, alpha: 1 }).compute(fromRows([[40, 0]], 'float64'), Int32Array.of(0), grad);
    expect(grad[0]! / (-(q ** gamma) * (1 + gamma * (1 - q)) * q)).toBeCloseTo(1, 9);
  });

  it('down-weights easy examples more as γ grows', () => {
    const z = fromRows([[3, 0]], 'float64');
    const ce = focalLoss({ gamma: 0 }).compute(z, Int32Array.of(0), null);
    const g2 = focalLoss({ gamma: 2 }).compute(z, Int32Array.of(0), null);
    const g5 = focalLoss({ gamma: 5 }).compute(z, Int32Array.of(0), null);
    expect(g2).toBeLessThan(ce / 100);
    expect(g5).toBeLessThan(g2 / 100);
  });

  it('refuses γ < 0 and α <= 0', () => {
    expect(() => focalLoss({ gamma: -1 })).toThrow('focal: gamma must be a number >= 0, got -1');
    expect(() => focalLoss({ alpha: [1, 0] })).toThrow('focal: alpha must be > 0 for every class, got 0');
  });
});

describe('class frequencies', () => {
  it('weighs classes inversely to frequency, averaging 1 over the examples', () => {
    expect(inverseFrequency([90, 10])).toEqual([100 / 180, 5]);
    expect(inverseFrequency([90, 10, 0])).toEqual([100 / 180, 5, 1]);
  });

  it('resolves α settings', () => {
    expect(resolveAlpha('none', [3, 1])).toBe(1);
    expect(resolveAlpha('inverse', [3, 1])).toEqual([4 / 6, 2]);
    expect(resolveAlpha(0.25, [3, 1])).toBe(0.25);
    expect(() => resolveAlpha([1, 2, 3], [3, 1])).toThrow('focal: alpha has 3 weights but the data has 2 classes');
  });

  it('sets prior biases to smoothed log priors', () => {
    expect(logPriors([9, 1])).toEqual([Math.log(10 / 12), Math.log(2 / 12)]);
  });
});
