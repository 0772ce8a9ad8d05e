import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The native build's sources: what its stamp is a hash of. */
const sources = ['binding.gyp', 'macro-kernel.cc'];

/** Where node-gyp writes the module, and the stamp written beside it once it built. */
export const modulePath = new URL('./build/Release/skewtune_kernels.node', import.meta.url);
export const stampPath = new URL('./build/Release/skewtune_kernels.stamp', import.meta.url);

/**
 * A hash of the native kernels' sources. The build writes it beside the module, and the
 * loader refuses a module whose stamp differs, so an edited source never runs stale code.
 */
export function sourceStamp(): string {
  const hash = createHash('sha256');
  for (const file of sources) hash.update(`${file}\n`).update(readFileSync(new URL(`./${file}`, import.meta.url)));
  return hash.digest('hex');
}
