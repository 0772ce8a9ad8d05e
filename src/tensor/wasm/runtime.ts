import { setFlagsFromString } from 'node:v8';
import { createGemm, type Gemm } from './gemm.ts';
import { createHeap, type Heap } from './heap.ts';
import { loadNativeKernels, type NativeKernels } from '../native/addon.ts';
import { loadKernelModule, reserveMemory, validatesRelaxedSimd, type KernelExports, type KernelModule, type WasmBuild, type WasmMemory } from './module.ts';

/**
 * A build of the kernels over the kernel memory: one of the WebAssembly builds, or
 * 'native', the relaxed-SIMD build with its macro-kernel in native code on 256/512-bit
 * vectors (../native), which computes the same bits.
 */
export type KernelBuild = 'native' | WasmBuild;

/** Which implementation runs the hot kernels: a build over the kernel memory, or the TypeScript reference. */
export type KernelBackend = KernelBuild | 'ts';

/** Every backend, fastest first: the order in which they are tried at start-up. */
export const kernelBackends: readonly KernelBackend[] = ['native', 'relaxed-simd', 'simd', 'ts'];

/** One loaded build of the kernels, the allocator over their memory, and GEMM. */
export interface WasmRuntime {
  readonly build: KernelBuild;
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
  /** The native macro-kernel, or a throw saying why it cannot run here. */
  native(): NativeKernels;
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
  native: loadNativeKernels,
};

/** The relaxed-SIMD exports with the native macro-kernel in place of theirs (same arguments, same bits). */
function withNativeProduct(exports: KernelExports, native: NativeKernels, memory: WasmMemory): KernelExports {
  return {
    ...exports,
    macroKernel: (rows, cols, depth, ap, bp, c, ldc, overwrite, tile, bias, relu) =>
      native.macroKernel(memory.buffer, rows, cols, depth, ap, bp, c, ldc, overwrite, tile, bias, relu),
  };
}

const advice = (build: KernelBuild) => build === 'native' ? 'run `npm run build:native` (it needs a C++ compiler)' : 'run `npm run build:wasm` (Node 20 has WebAssembly SIMD)';

/**
 * Loads the builds that `requested` allows, preferred first, all over one memory (so a
 * matrix allocated under one build serves the others). Unset, it takes the native
 * macro-kernel when it was built and the CPU runs it, then relaxed SIMD when the runtime
 * validates it, then SIMD, then TypeScript (with a warning), never failing; a build named
 * in `requested` must load or it throws.
 *
 * @example
 * const [preferred] = loadRuntimes(undefined, nodePlatform, process.emitWarning); // native here
 */
export function loadRuntimes(requested: KernelBackend | undefined, platform: Platform, warn: (message: string) => void): WasmRuntime[] {
  if (requested === 'ts') return [];
  const order: KernelBuild[] = ['native', 'relaxed-simd', 'simd'];
  const wanted = requested === undefined ? order : order.slice(order.indexOf(requested));
  let shared: { memory: WasmMemory; heap: Heap } | undefined;
  // The native build runs on the relaxed-SIMD module's exports: one instance serves both.
  const modules = new Map<WasmBuild, KernelModule>();
  const load = (build: WasmBuild, memory: WasmMemory) => modules.get(build) ?? modules.set(build, platform.load(build, memory)).get(build)!;
  const runtimes: WasmRuntime[] = [];
  for (const build of wanted) {
    const required = build === requested;
    try {
      if (build !== 'simd' && !platform.relaxedSimd()) {
        if (required) throw new Error('this runtime does not validate relaxed SIMD');
        continue;
      }
      const native = build === 'native' ? platform.native() : undefined;
      if (!shared) {
        const memory = platform.memory();
        shared = { memory, heap: createHeap(memory) };
      }
      const { exports } = load(build === 'native' ? 'relaxed-simd' : build, shared.memory);
      const kernels = native ? withNativeProduct(exports, native, shared.memory) : exports;
      runtimes.push({ build, kernels, heap: shared.heap, gemm: createGemm(kernels, shared.heap) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (required) throw new Error(`SKEWTUNE_KERNELS=${build}, but the ${build} kernels did not load: ${reason}; ${advice(build)}`);
      // The native build is optional: where it was not built, or the CPU lacks its instructions, the WebAssembly builds run silently.
      if (build !== 'native') warn(`the ${build} WebAssembly kernels did not load (${reason}): ${advice(build)}`);
    }
  }
  if (runtimes.length === 0) warn('using the TypeScript kernels');
  return runtimes;
}
