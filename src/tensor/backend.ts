import { kernelBackends, loadRuntimes, nodePlatform, type KernelBackend, type WasmRuntime } from './wasm/runtime.ts';

// Chooses who runs the hot kernels. The environment variable
// SKEWTUNE_KERNELS=native|relaxed-simd|simd|ts decides at start-up; unset means the native
// macro-kernel where it was built (the relaxed-SIMD build's bits on wider vectors), else the
// relaxed-SIMD build (fused multiply-adds) when the runtime validates it, else the SIMD
// build, else TypeScript. Worker threads inherit the variable, and each thread makes the same choice
// on the same machine, so every trial of a search runs the same kernels.

export { kernelBackends, type KernelBackend, type WasmRuntime };

function requested(): KernelBackend | undefined {
  const value = process.env.SKEWTUNE_KERNELS;
  if (value === undefined || value === '') return undefined;
  const known = kernelBackends.find((b) => b === value);
  if (!known) throw new RangeError(`SKEWTUNE_KERNELS must be one of ${kernelBackends.join(', ')}, got "${value}"`);
  return known;
}

/** Every loaded WebAssembly build, preferred first (tests and benchmarks run each). */
export const wasmRuntimes: readonly WasmRuntime[] = loadRuntimes(requested(), nodePlatform, (message) => process.emitWarning(message));

/** The preferred WebAssembly kernels (the default backend); null when none loaded or SKEWTUNE_KERNELS=ts. */
export const wasm: WasmRuntime | null = wasmRuntimes[0] ?? null;

let active: KernelBackend = wasm ? wasm.build : 'ts';
let activeRuntime: WasmRuntime | null = wasm;

/**
 * The backend that runs the kernels now: 'native', 'relaxed-simd', 'simd' or 'ts'. Reports and
 * `train --json` record it, since the fused build may differ from the others in the last bits.
 *
 * @example
 * kernelBackend(); // 'native', 'relaxed-simd', 'simd' or 'ts'
 */
export function kernelBackend(): KernelBackend {
  return active;
}

/** The backends this process can switch to (loaded builds, then 'ts'), fastest first. */
export function availableBackends(): KernelBackend[] {
  return [...wasmRuntimes.map((r) => r.build), 'ts'];
}

/**
 * Switches backend for the whole process (benchmarks compare them in one run). Matrices
 * already allocated stay valid under any of them.
 *
 * @example
 * setKernelBackend('ts'); // the TypeScript reference kernels from here on
 */
export function setKernelBackend(backend: KernelBackend): void {
  if (!availableBackends().includes(backend)) {
    throw new Error(`the ${backend} kernels are not loaded (available: ${availableBackends().join(', ')})`);
  }
  active = backend;
  activeRuntime = wasmRuntimes.find((r) => r.build === backend) ?? null;
}

/** The WebAssembly kernels of the active backend, or null when TypeScript is active. */
export function activeWasm(): WasmRuntime | null {
  return activeRuntime;
}
