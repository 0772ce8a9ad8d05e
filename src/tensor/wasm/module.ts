import { readFileSync } from 'node:fs';

/**
 * The functions of build/kernels-*.wasm (sources in ./assembly). Pointers are byte offsets
 * into the kernel memory; booleans are passed as 0 or 1; a mask's `delta` is its byte
 * offset from the array it masks (mod 2³²), the two sharing one layout.
 */
export interface KernelExports {
  packLaneMajor(src: number, ld: number, lanes: number, depth: number, width: number, dst: number, masked: number, delta: number): void;
  packDepthMajor(src: number, ld: number, lanes: number, depth: number, width: number, dst: number, masked: number, delta: number): void;
  macroKernel(
    rows: number, cols: number, depth: number, ap: number, bp: number, c: number, ldc: number, overwrite: number, tile: number,
    bias: number, relu: number,
  ): void;
  addRowVector(m: number, rows: number, cols: number, v: number): void;
  columnSums(m: number, rows: number, cols: number, out: number, accumulate: number, masked: number, delta: number): void;
  reluForward(x: number, out: number, n: number): void;
  reluBackward(x: number, dy: number, dx: number, n: number): void;
  multiply(a: number, b: number, out: number, n: number): void;
  adamStep(
    w: number, g: number, m: number, v: number, lrc: number, beta1: number, beta2: number, eps: number, rc2: number, n: number,
  ): void;
  momentumStep(w: number, g: number, v: number, lr: number, alpha: number, n: number): void;
  scaledStep(w: number, g: number, h: number, lr: number, rho: number, eps: number, adagrad: number, n: number): void;
  gatherRows(src: number, cols: number, order: number, offset: number, count: number, dst: number, labels: number, batchLabels: number): void;
  argmaxRows(m: number, rows: number, cols: number, out: number): void;
  crossEntropy(logits: number, labels: number, rows: number, cols: number, grad: number): number;
  fmaPeak(iterations: number): number;
}

/** A WebAssembly.Memory, as far as the kernels' host needs it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The compiled kernels bound to their memory. */
export interface KernelModule {
  readonly exports: KernelExports;
  readonly memory: WasmMemory;
}

// The project's TypeScript libraries (ES2022 + Node) do not declare the WebAssembly
// global, so the few constructors used here are typed locally.
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: { env: { memory: WasmMemory; exp: (x: number) => number; log: (x: number) => number } }) => { exports: object };
  validate(bytes: Uint8Array): boolean;
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WasmApi };

/** The two WebAssembly builds of the kernels (see ./build.ts). */
export type WasmBuild = 'relaxed-simd' | 'simd';

/**
 * Memory sizes tried in turn (64 KiB pages): 256 MiB first. The memory is reserved whole
 * up front and a page is backed only once touched, but blocks are reclaimed only when the
 * garbage collector finds their arrays dead, which it is in no hurry to do: a long search
 * fills the memory before it collects, so this size bounds the resident memory the heap
 * adds to each thread. When it is full the layers get ordinary arrays until then.
 */
const memoryPages = [4096, 1024, 256];

/** The kernel memory, shared by both builds' instances so either works on any matrix. */
export function reserveMemory(): WasmMemory {
  let failure: unknown;
  for (const pages of memoryPages) {
    try {
      return new wasmApi.Memory({ initial: pages, maximum: pages });
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/**
 * Compiles and instantiates one build of the kernels over `memory`. Throws when the file
 * has not been built (`npm run build:wasm`) or when this runtime lacks its features.
 */
export function loadKernelModule(build: WasmBuild, memory: WasmMemory): KernelModule {
  const bytes = readFileSync(new URL(`./build/kernels-${build}.wasm`, import.meta.url));
  // The loss kernel calls the engine's exp and log, so its results match TypeScript's bit for bit.
  const instance = new wasmApi.Instance(new wasmApi.Module(bytes), { env: { memory, exp: Math.exp, log: Math.log } });
  return { exports: instance.exports as unknown as KernelExports, memory };
}

/**
 * A module of one function, (a, b, c) => f32x4.relaxed_madd(a, b, c): the smallest thing
 * that validates only where relaxed SIMD is on.
 */
const relaxedProbe = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // type: (v128 v128 v128) → v128
  0x03, 0x02, 0x01, 0x00, // function 0 has type 0
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b, // local.get ×3, relaxed_madd
);

/** Whether this runtime validates the probe module, that is, accepts relaxed SIMD. */
export function validatesRelaxedSimd(): boolean {
  return wasmApi.validate(relaxedProbe);
}
