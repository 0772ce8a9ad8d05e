type TypedArray = Float64Array | Int32Array;

/**
 * An append-only typed array that doubles its storage when full, for columns of unknown
 * length read from a stream: at most twice the final size is held while reading.
 *
 * @example
 * const values = growable(Float64Array);
 * values.push(1.5);
 * values.finish(); // Float64Array [1.5]
 */
export function growable<T extends TypedArray>(Type: { new (n: number): T }, initial = 1024) {
  let data = new Type(initial);
  let length = 0;
  return {
    push(value: number): void {
      if (length === data.length) {
        const bigger = new Type(data.length * 2);
        bigger.set(data);
        data = bigger;
      }
      data[length++] = value;
    },
    get length(): number {
      return length;
    },
    /** The values pushed, trimmed to their count (a copy; the builder is not used afterwards). */
    finish(): T {
      return data.slice(0, length) as T;
    },
  };
}
