import { wasm } from './backend.ts';
import type { DType, Float, Matrix } from './matrix-type.ts';

export type { DType, Float, Matrix } from './matrix-type.ts';

/**
 * Allocates a zero matrix (float32 unless `dtype` says otherwise).
 *
 * @example
 * matrix(2, 3).data.length; // 6
 */
export function matrix(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
  const size = rows * cols;
  const data = dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
  return { rows, cols, data };
}

/**
 * Allocates a zero matrix for a buffer the hot kernels reuse every step (a layer's
 * weights, gradients and outputs). Float32 storage comes from the WebAssembly kernel
 * memory when those kernels are loaded, so they work on it in place; otherwise, and when
 * that memory is full, it is an ordinary array like `matrix()` gives. Results are the
 * same either way.
 *
 * Its storage is a view of one large memory: posting it to another thread would copy all
 * of that memory (send `data.slice()` instead), and a view made with `data.subarray` must
 * not outlive the matrix, as the block is reused once the matrix is garbage-collected
 * (views from `sliceRows` keep it alive).
 *
 * @example
 * const out = kernelMatrix(128, 256); // the output buffer of a 256-unit layer
 */
export function kernelMatrix(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
  const data = dtype === 'float32' && rows * cols > 0 ? wasm?.heap.alloc(rows * cols) : null;
  return data ? { rows, cols, data } : matrix(rows, cols, dtype);
}

// An int32 array in kernel memory is a view of a float32 block, which must stay reachable
// as long as the view is in use: the block is reused once its float32 array is collected.
const owners = new WeakMap<Int32Array, Float32Array>();

/**
 * A zero int32 array in the kernel memory when it has room (the labels and the shuffled
 * order a training step's kernels read), else an ordinary one.
 *
 * @example
 * const order = kernelInt32(rows);
 */
export function kernelInt32(length: number): Int32Array {
  const block = length > 0 ? wasm?.heap.alloc(length) : null;
  if (!block) return new Int32Array(length);
  const view = new Int32Array(block.buffer, block.byteOffset, length);
  owners.set(view, block);
  return view;
}

/** The float32 block under a `kernelInt32` array (to release it early), or undefined. */
export function int32Block(view: Int32Array): Float32Array | undefined {
  return owners.get(view);
}

/**
 * Wraps existing storage; its length must be rows × cols.
 *
 * @example
 * fromArray(2, 2, Float32Array.of(1, 2, 3, 4)).rows; // 2
 */
export function fromArray(rows: number, cols: number, data: Float): Matrix {
  if (data.length !== rows * cols) {
    throw new RangeError(`matrix data has ${data.length} values, but ${rows}×${cols} needs ${rows * cols}`);
  }
  return { rows, cols, data };
}

/**
 * Builds a matrix from nested arrays (tests and small examples).
 *
 * @example
 * fromRows([[1, 2], [3, 4]]).cols; // 2
 */
export function fromRows(rows: readonly (readonly number[])[], dtype: DType = 'float32'): Matrix {
  const cols = rows[0]?.length ?? 0;
  const m = matrix(rows.length, cols, dtype);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`row ${i} has ${row.length} values, expected ${cols}`);
    m.data.set(row, i * cols);
  });
  return m;
}

/** The dtype of a matrix's storage. */
export function dtypeOf(m: Matrix): DType {
  return m.data instanceof Float64Array ? 'float64' : 'float32';
}

/** A copy of rows `indices` of `m`, in that order (used for batching and resampling). */
export function takeRows(m: Matrix, indices: ArrayLike<number>, out?: Matrix): Matrix {
  const target = out ?? matrix(indices.length, m.cols, dtypeOf(m));
  const { cols } = m;
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r]! * cols;
    target.data.set(m.data.subarray(src, src + cols), r * cols);
  }
  return target;
}

// Each view keeps the array it was cut from reachable: a kernel-memory block is reused
// when its array is collected, even if views of it are still in use.
const parents = new WeakMap<Float, Float>();

/** A view of rows [start, end) sharing storage with `m`. */
export function sliceRows(m: Matrix, start: number, end: number): Matrix {
  const data = m.data.subarray(start * m.cols, end * m.cols);
  parents.set(data, parents.get(m.data) ?? m.data);
  return { rows: end - start, cols: m.cols, data };
}
