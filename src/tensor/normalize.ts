import type { Float, Matrix } from './matrix.ts';

// Batch normalisation kernels (Ioffe & Szegedy 2015), column-wise over a row-major batch.

/**
 * Training forward pass, the lecture's four formulas per column j:
 * μ = mean, σ² = mean of squared deviations, x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β.
 * Stores μ, σ² and 1/√(σ² + ε) for the backward pass and the running averages.
 */
export function batchNormTrain(
  x: Matrix, gamma: Float, beta: Float, eps: number,
  mean: Float, variance: Float, invStd: Float, xhat: Float, out: Float,
): void {
  const { rows, cols, data } = x;
  mean.fill(0, 0, cols);
  variance.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) mean[j] += data[o + j]!;
  }
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[o + j]! - mean[j]!;
      variance[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    variance[j] /= rows;
    invStd[j] = 1 / Math.sqrt(variance[j]! + eps);
  }
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const h = (data[o + j]! - mean[j]!) * invStd[j]!;
      xhat[o + j] = h;
      out[o + j] = gamma[j]! * h + beta[j]!;
    }
  }
}

/** Inference: y = γ·(x − running μ)/√(running σ² + ε) + β. */
export function batchNormInfer(
  x: Matrix, gamma: Float, beta: Float, runningMean: Float, runningVar: Float, eps: number, out: Float,
): void {
  const { rows, cols, data } = x;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      out[o + j] = (gamma[j]! * (data[o + j]! - runningMean[j]!)) / Math.sqrt(runningVar[j]! + eps) + beta[j]!;
    }
  }
}

/**
 * Backward pass: dβ = Σ dy, dγ = Σ dy·x̂, dx = γ/(m·√(σ² + ε)) · (m·dy − dβ − x̂·dγ).
 * Gradients of γ and β are written (not added) to dGamma and dBeta.
 */
export function batchNormBackward(
  dy: Matrix, xhat: Float, gamma: Float, invStd: Float, dGamma: Float, dBeta: Float, dx: Float,
): void {
  const { rows, cols, data } = dy;
  dGamma.fill(0, 0, cols);
  dBeta.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const g = data[o + j]!;
      dBeta[j] += g;
      dGamma[j] += g * xhat[o + j]!;
    }
  }
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const scale = (gamma[j]! * invStd[j]!) / rows;
      dx[o + j] = scale * (rows * data[o + j]! - dBeta[j]! - xhat[o + j]! * dGamma[j]!);
    }
  }
}
