import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { modulePath, sourceStamp, stampPath } from './stamp.ts';

/** The native module (./macro-kernel.cc): the macro-kernel over the kernel memory's buffer. */
export interface NativeKernels {
  /** The WebAssembly export of the same name, with the kernel memory's ArrayBuffer in front. */
  macroKernel(
    memory: ArrayBuffer, rows: number, cols: number, depth: number, ap: number, bp: number, c: number, ldc: number, overwrite: number,
    tile: number, bias: number, relu: number,
  ): void;
  /** The instruction set the CPU gives it: 'avx512', 'avx2', or '' when it cannot run here. */
  readonly isa: string;
}

/**
 * Loads the native kernels, or throws saying why not: not built (no C++ compiler when
 * `npm ci` ran), built from other sources than these (its stamp is not `expectedStamp`), or
 * a CPU without AVX2 and FMA.
 *
 * @example
 * const native = loadNativeKernels(); // native.isa === 'avx512' on this project's EPYC
 */
export function loadNativeKernels(expectedStamp: string = sourceStamp()): NativeKernels {
  if (!existsSync(modulePath)) throw new Error('not built');
  if (!existsSync(stampPath) || readFileSync(stampPath, 'utf8') !== expectedStamp) {
    throw new Error('built from other sources than these; run `npm run build:native`');
  }
  const native = createRequire(import.meta.url)(modulePath.pathname) as NativeKernels;
  if (native.isa === '') throw new Error('this CPU has neither AVX-512 nor AVX2 with FMA');
  return native;
}
