import { createGemm, type Gemm } from './wasm/gemm.ts';
import { createHeap, type Heap } from './wasm/heap.ts';
import { loadKernelModule, type KernelExports } from './wasm/module.ts';

// Chooses who runs the hot kernels. The environment variable SKEWTUNE_KERNELS=ts|wasm
// decides at start-up; unset means WebAssembly SIMD when it loads, TypeScript otherwise.
// Worker threads inherit the variable, so every trial of a search runs the same kernels.

/** Which implementation runs the hot kernels. */
export type KernelBackend = 'ts' | 'wasm';

/** The loaded WebAssembly kernels, the memory allocator over their memory, and GEMM. */
export interface WasmRuntime {
  readonly kernels: KernelExports;
  readonly heap: Heap;
  readonly gemm: Gemm;
}

const backends: readonly KernelBackend[] = ['ts', 'wasm'];

function requested(): KernelBackend | undefined {
  const value = process.env.SKEWTUNE_KERNELS;
  if (value === undefined || value === '') return undefined;
  const known = backends.find((b) => b === value);
  if (!known) throw new RangeError(`SKEWTUNE_KERNELS must be one of ${backends.join(', ')}, got "${value}"`);
  return known;
}

function load(required: boolean): WasmRuntime | null {
  try {
    const { exports, memory } = loadKernelModule();
    const heap = createHeap(memory);
    return { kernels: exports, heap, gemm: createGemm(exports, heap) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const advice = 'run `npm run build:wasm` (Node 20 has WebAssembly SIMD)';
    if (required) throw new Error(`SKEWTUNE_KERNELS=wasm, but the WebAssembly kernels did not load: ${reason}; ${advice}`);
    process.emitWarning(`WebAssembly kernels did not load (${reason}); using the TypeScript kernels: ${advice}`);
    return null;
  }
}

const choice = requested();

/** The WebAssembly kernels; null when SKEWTUNE_KERNELS=ts or when they did not load. */
export const wasm: WasmRuntime | null = choice === 'ts' ? null : load(choice === 'wasm');

let active: KernelBackend = wasm ? 'wasm' : 'ts';

/** The backend that runs the kernels now. */
export function kernelBackend(): KernelBackend {
  return active;
}

/**
 * Switches backend for the whole process (benchmarks compare both in one run). Matrices
 * already allocated stay valid under either.
 *
 * @example
 * setKernelBackend('ts'); // the TypeScript reference kernels from here on
 */
export function setKernelBackend(backend: KernelBackend): void {
  if (backend === 'wasm' && !wasm) throw new Error('the WebAssembly kernels are not loaded (SKEWTUNE_KERNELS=ts, or they failed to load)');
  active = backend;
}

/** The WebAssembly kernels if they are the active backend, else null. */
export function activeWasm(): WasmRuntime | null {
  return active === 'wasm' ? wasm : null;
}
