/** Byte ranges handed out and taken back; offsets and sizes are multiples of the alignment. */
export interface FreeList {
  /** Offset of a new block of at least `bytes`, or -1 when no free range is large enough. */
  alloc(bytes: number): number;
  /** Returns the block at `offset` (allocated with this `bytes`) to the free ranges. */
  free(offset: number, bytes: number): void;
  /** Bytes not allocated (possibly fragmented). */
  freeBytes(): number;
}

/**
 * First-fit allocation of byte ranges inside [start, end), with freed neighbours merged.
 * Block sizes are rounded up to `align`, and so are all offsets. It manages numbers only;
 * ./heap.ts maps them onto the kernels' memory.
 *
 * @example
 * const list = freeList(1024, 1 << 20, 64);
 * const at = list.alloc(100); // 1024; the block spans 128 bytes
 * list.free(at, 100);
 */
export function freeList(start: number, end: number, align: number): FreeList {
  const round = (n: number) => Math.ceil(n / align) * align;
  // Free ranges, sorted by offset and never touching (touching ones are merged).
  const starts: number[] = [];
  const sizes: number[] = [];
  const first = round(start);
  const last = Math.floor(end / align) * align;
  if (last > first) {
    starts.push(first);
    sizes.push(last - first);
  }
  return {
    alloc(bytes) {
      const size = round(Math.max(bytes, 1));
      for (let i = 0; i < starts.length; i++) {
        if (sizes[i]! < size) continue;
        const at = starts[i]!;
        if (sizes[i] === size) {
          starts.splice(i, 1);
          sizes.splice(i, 1);
        } else {
          starts[i] = at + size;
          sizes[i] = sizes[i]! - size;
        }
        return at;
      }
      return -1;
    },
    free(offset, bytes) {
      const size = round(Math.max(bytes, 1));
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      const mergesBefore = lo > 0 && starts[lo - 1]! + sizes[lo - 1]! === offset;
      const mergesAfter = lo < starts.length && offset + size === starts[lo];
      if (mergesBefore && mergesAfter) {
        sizes[lo - 1] = sizes[lo - 1]! + size + sizes[lo]!;
        starts.splice(lo, 1);
        sizes.splice(lo, 1);
      } else if (mergesBefore) {
        sizes[lo - 1] = sizes[lo - 1]! + size;
      } else if (mergesAfter) {
        starts[lo] = offset;
        sizes[lo] = sizes[lo]! + size;
      } else {
        starts.splice(lo, 0, offset);
        sizes.splice(lo, 0, size);
      }
    },
    freeBytes: () => sizes.reduce((sum, s) => sum + s, 0),
  };
}
