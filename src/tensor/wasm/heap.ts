import { freeList } from './free-list.ts';
import type { WasmMemory } from './module.ts';

/**
 * Float32 arrays that live inside the kernels' WebAssembly memory, so a kernel reads and
 * writes them in place (its pointer is the array's byteOffset).
 */
export interface Heap {
  /** A zero-filled array of `length` floats in kernel memory, or null when it is full. */
  alloc(length: number): Float32Array | null;
  /** Whether the kernels can address `data` (float32 or int32) in place. */
  contains(data: ArrayBufferView): boolean;
  /** Returns the block of an array from `alloc` at once, for a large one the caller knows is dead (no waiting for the collector). */
  release(data: Float32Array): void;
  /** Bytes still free (for tests and diagnostics). */
  freeBytes(): number;
}

/** Offsets are cache-line aligned, so vector loads never straddle two lines needlessly. */
const align = 64;
/** Page 0 stays unused: a zero offset would read as a null pointer in a kernel. */
const reserved = 65536;

/**
 * The allocator over the kernel memory, from its second 64 KiB page to its end.
 *
 * The memory is sized once and never grown: `memory.grow` would detach every array
 * already handed out. When it is full, `alloc` returns null and the caller falls back to
 * an ordinary array, which the kernels accept too (by copying), with identical results.
 * A block returns to the free ranges once its array is garbage-collected.
 *
 * @example
 * const heap = createHeap(memory);
 * const a = heap.alloc(1024) ?? new Float32Array(1024);
 * heap.contains(a); // true unless the heap was full
 */
export function createHeap(memory: WasmMemory): Heap {
  const buffer = memory.buffer;
  const free = freeList(reserved, buffer.byteLength, align);
  const blocks = new FinalizationRegistry<{ offset: number; bytes: number }>(({ offset, bytes }) => free.free(offset, bytes));
  return {
    alloc(length) {
      const bytes = length * 4;
      const offset = free.alloc(bytes);
      if (offset < 0) return null;
      const data = new Float32Array(buffer, offset, length);
      // A reused block holds its previous owner's values.
      data.fill(0);
      blocks.register(data, { offset, bytes }, data);
      return data;
    },
    release(data) {
      if (blocks.unregister(data)) free.free(data.byteOffset, data.byteLength);
    },
    contains: (data) => data.buffer === buffer && (data instanceof Float32Array || data instanceof Int32Array),
    freeBytes: () => free.freeBytes(),
  };
}
