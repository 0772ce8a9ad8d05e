// The Matrix type alone, without the allocators: importing it loads no WebAssembly, so kernels can name it without a cycle.

/** The storage of every tensor: float32 in training, float64 for gradient checks. */
export type Float = Float32Array | Float64Array;

/** The element type of a matrix: float32 for training, float64 for gradient checks and oracles. */
export type DType = 'float32' | 'float64';

/**
 * A dense row-major matrix: element (i, j) is `data[i * cols + j]`.
 *
 * @example
 * const m = matrix(2, 3); // 2×3 zeros, float32
 * m.data[1 * 3 + 2] = 5;  // row 1, column 2
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float;
}
