import { setFlagsFromString } from 'node:v8';
import { createGemm, type Gemm } from './gemm.ts';
import { createHeap, type Heap } from './heap.ts';
import { loadKernelModule, reserveMemory, validatesRelaxedSimd, type KernelExports, type KernelModule, type WasmBuild, type WasmMemory } from './module.ts';

/** Which implementation runs the hot kernels: a WebAssembly build, or the TypeScript reference. */
export type KernelBackend = WasmBuild | 'ts';

/** Every backend, fastest first: the order in which they are tried at start-up. */
export const kernelBackends: readonly KernelBackend[] = ['relaxed-simd', 'simd', 'ts'];

/** One loaded build of the kernels, the allocator over their memory, and GEMM. */
export interface WasmRuntime {
  readonly build: WasmBuild;
  readonly kernels: KernelExports;
  readonly heap: Heap;
  readonly gemm: Gemm;
}

/** What loading needs from the runtime; tests replace it to simulate a runtime without relaxed SIMD. */
export interface Platform {
  /** Whether relaxed SIMD validates (turning it on first where the runtime needs a flag). */
  relaxedSimd(): boolean;
  memory(): WasmMemory;
  load(build: WasmBuild, memory: WasmMemory): KernelModule;
}

/**
 * Node: relaxed SIMD is on by default from Node 22; Node 20 validates it once
 * --experimental-wasm-relaxed-simd is set, which must happen before the module compiles.
 */
export const nodePlatform: Platform = {
  relaxedSimd() {
    if (validatesRelaxedSimd()) return true;
    setFlagsFromString('--experimental-wasm-relaxed-simd');
    return validatesRelaxedSimd();
  },
  memory: reserveMemory,
  load: loadKernelModule,
};

const advice = 'run `npm run build:wasm` (Node 20 has WebAssembly SIMD)';

/**
 * Loads the WebAssembly builds that `requested` allows, preferred first, all over one
 * memory (so a matrix allocated under one build serves the other). Unset, it takes
 * relaxed SIMD when the runtime validates it, else falls back to SIMD, else to TypeScript
 * (with a warning), never failing; a build named in `requested` must load or it throws.
 *
 * @example
 * const [preferred] = loadRuntimes(undefined, nodePlatform, process.emitWarning); // relaxed-simd here
 */
export function loadRuntimes(requested: KernelBackend | undefined, platform: Platform, warn: (message: string) => void): WasmRuntime[] {
  if (requested === 'ts') return [];
  const wanted: WasmBuild[] = requested === 'simd' ? ['simd'] : ['relaxed-simd', 'simd'];
  let shared: { memory: WasmMemory; heap: Heap } | undefined;
  const runtimes: WasmRuntime[] = [];
  for (const build of wanted) {
    const required = build === requested;
    try {
      if (build === 'relaxed-simd' && !platform.relaxedSimd()) {
        if (required) throw new Error('this runtime does not validate relaxed SIMD');
        continue;
      }
      if (!shared) {
        const memory = platform.memory();
        shared = { memory, heap: createHeap(memory) };
      }
      const { exports } = platform.load(build, shared.memory);
      runtimes.push({ build, kernels: exports, heap: shared.heap, gemm: createGemm(exports, shared.heap) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (required) throw new Error(`SKEWTUNE_KERNELS=${build}, but the ${build} kernels did not load: ${reason}; ${advice}`);
      warn(`the ${build} WebAssembly kernels did not load (${reason}): ${advice}`);
    }
  }
  if (runtimes.length === 0) warn('using the TypeScript kernels');
  return runtimes;
}
