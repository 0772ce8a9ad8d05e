// Element-wise and row/column kernels. Each performs the same float32 operations in the
// same order as its TypeScript reference (../../reference/elementwise.ts), so the two
// give bit-identical results and either may run on any buffer.

/** m[i, :] += v for every row i of the rows×cols matrix at `m`. */
export function addRowVector(m: usize, rows: i32, cols: i32, v: usize): void {
  let row = m;
  const rowBytes = <usize>cols << 2;
  for (let i = 0; i < rows; i++) {
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      v128.store(row + o, f32x4.add(v128.load(row + o), v128.load(v + o)));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      store<f32>(row + o, load<f32>(row + o) + load<f32>(v + o));
    }
    row += rowBytes;
  }
}

/** Four floats at `p`, zeroed where the mask at p + delta is not > 0 (when `masked`). */
// @ts-ignore: decorator
@inline
function loadMasked(p: usize, delta: usize, masked: bool): v128 {
  const v = v128.load(p);
  return masked ? v128.and(v, f32x4.gt(v128.load(p + delta), f32x4.splat(0))) : v;
}

/**
 * out[j] = Σ_i m[i, j] (or out[j] += …), summing down each column from row 0 as the
 * reference does; sixteen columns ride in registers at a time. When `masked`, an element
 * counts only where the mask (same layout, at m + delta) is > 0: a ReLU's backward
 * applied as the gradient is read.
 */
export function columnSums(m: usize, rows: i32, cols: i32, out: usize, accumulate: bool, masked: bool, delta: usize): void {
  const rowBytes = <usize>cols << 2;
  let j = 0;
  for (; j + 16 <= cols; j += 16) {
    const o = out + (<usize>j << 2);
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    if (accumulate) {
      s0 = v128.load(o);
      s1 = v128.load(o, 16);
      s2 = v128.load(o, 32);
      s3 = v128.load(o, 48);
    }
    let p = m + (<usize>j << 2);
    for (let i = 0; i < rows; i++) {
      s0 = f32x4.add(s0, loadMasked(p, delta, masked));
      s1 = f32x4.add(s1, loadMasked(p + 16, delta, masked));
      s2 = f32x4.add(s2, loadMasked(p + 32, delta, masked));
      s3 = f32x4.add(s3, loadMasked(p + 48, delta, masked));
      p += rowBytes;
    }
    v128.store(o, s0);
    v128.store(o, s1, 16);
    v128.store(o, s2, 32);
    v128.store(o, s3, 48);
  }
  for (; j + 4 <= cols; j += 4) {
    const o = out + (<usize>j << 2);
    let s = accumulate ? v128.load(o) : f32x4.splat(0);
    let p = m + (<usize>j << 2);
    for (let i = 0; i < rows; i++) {
      s = f32x4.add(s, loadMasked(p, delta, masked));
      p += rowBytes;
    }
    v128.store(o, s);
  }
  for (; j < cols; j++) {
    const o = out + (<usize>j << 2);
    let s: f32 = accumulate ? load<f32>(o) : 0;
    let p = m + (<usize>j << 2);
    for (let i = 0; i < rows; i++) {
      s += masked && !(load<f32>(p + delta) > 0) ? 0 : load<f32>(p);
      p += rowBytes;
    }
    store<f32>(o, s);
  }
}

/** out = max(0, x), with NaN and −0 mapped to +0 as `v > 0 ? v : 0` does. */
export function reluForward(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    v128.store(out + o, v128.and(v, f32x4.gt(v, zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(out + o, v > 0 ? v : 0);
  }
}

/** dx = dy where x > 0, else 0. */
export function reluBackward(x: usize, dy: usize, dx: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dx + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(x + o), zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dx + o, load<f32>(x + o) > 0 ? load<f32>(dy + o) : 0);
  }
}

/** out = a ⊙ b. */
export function multiply(a: usize, b: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(a + o) * load<f32>(b + o));
  }
}
