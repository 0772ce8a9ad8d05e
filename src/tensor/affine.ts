import { activeWasm, type WasmRuntime } from './backend.ts';
import { addRowVector, columnSums, reluBackward, reluForward } from './elementwise.ts';
import { matmul, matmulTransA, matmulTransB } from './gemm.ts';
import type { Float, Matrix } from './matrix.ts';

// A dense layer's kernels with the work around its products fused into them: the bias
// and a following ReLU applied as the product's tiles are stored (forward), and that
// ReLU's mask applied as the gradient's tiles are loaded (backward), so the activations
// are not read again by separate passes. Where the fused kernels cannot run (TypeScript
// backend, float64, arrays outside the kernel memory) the unfused kernels run in turn;
// the results have the same bits either way.

/**
 * The runtime when every array is float32 and those in `resident` (the ones the fused
 * kernels address in place: a bias, a mask and the operand it masks) live in its kernel
 * memory, else null. The product copies other operands in as it always does.
 */
function fused(resident: Float[], others: (Float | null)[]): WasmRuntime | null {
  const wasm = activeWasm();
  if (!wasm) return null;
  const single = (a: Float | null) => a === null || a instanceof Float32Array;
  return resident.every((a) => single(a) && wasm.heap.contains(a)) && others.every(single) ? wasm : null;
}

/**
 * out = x·W + b, then max(0, ·) when `relu`. x is m×k, W k×n, b has n values.
 *
 * @example
 * affine(x, weight, bias.data, y, true); // a dense layer followed by ReLU
 */
export function affine(x: Matrix, w: Matrix, bias: Float, out: Matrix, relu: boolean): void {
  const wasm = fused([bias], [x.data, w.data, out.data]);
  if (wasm && x.cols > 0) {
    wasm.gemm('A·B', x.data as Float32Array, w.data as Float32Array, out.data as Float32Array, x.rows, w.cols, x.cols, false, {
      bias: bias as Float32Array, relu,
    });
    return;
  }
  matmul(x, w, out);
  addRowVector(out, bias);
  if (relu) reluForward(out.data, out.data, out.data.length);
}

/** The buffers of a dense layer's backward. */
export interface AffineGradients {
  /** ∂L/∂W, k×n. */
  weight: Matrix;
  /** ∂L/∂b, n values. */
  bias: Float;
  /** ∂L/∂x, m×k; null when nobody needs it (the first layer). */
  input: Matrix | null;
  /** Gives an m×n buffer for the masked gradient, asked only when the kernels cannot mask as they load. */
  scratch: (rows: number) => Matrix;
}

/**
 * The backward of `affine`: with g = dy, or dy where `output` > 0 when the forward applied
 * ReLU (`output` is its result), ∂W = xᵀ·g, ∂b = Σ_rows g, ∂x = g·Wᵀ.
 *
 * @example
 * affineBackward(x, weight, dy, relu ? y : null, { weight: dW, bias: db.data, input: dx, scratch: bufferCache(n) });
 */
export function affineBackward(x: Matrix, w: Matrix, dy: Matrix, output: Matrix | null, grads: AffineGradients): void {
  const mask = output?.data ?? null;
  const wasm = mask ? fused([dy.data, mask], [x.data, w.data, grads.weight.data, grads.bias, grads.input?.data ?? null]) : null;
  if (wasm && mask) {
    const [m, k, n] = [x.rows, x.cols, w.cols];
    const maskB = mask as Float32Array;
    wasm.gemm('Aᵀ·B', x.data as Float32Array, dy.data as Float32Array, grads.weight.data as Float32Array, k, n, m, false, { maskB });
    columnSums(dy, grads.bias, false, mask);
    if (grads.input) {
      wasm.gemm('A·Bᵀ', dy.data as Float32Array, w.data as Float32Array, grads.input.data as Float32Array, m, k, n, false, { maskA: maskB });
    }
    return;
  }
  let g = dy;
  if (mask) {
    g = grads.scratch(dy.rows);
    reluBackward(mask, dy.data, g.data, dy.data.length);
  }
  matmulTransA(x, g, grads.weight);
  columnSums(g, grads.bias);
  if (grads.input) matmulTransB(g, w, grads.input);
}
