// The guard of the JavaScript bundle (./build.ts): which bundled file to load for a TypeScript
// entry, or null when the bundle may be stale, so the caller loads the sources through tsx
// instead. Plain JavaScript, since it runs before any TypeScript loader is registered.
//
// Fresh means: dist/manifest.json lists every file the bundle was made from (each source the
// build read, and the build script itself) with the SHA-256 of its bytes, and every one of them
// still hashes the same. Hashing, not modification times, so a checkout or an edit that keeps
// the time still counts, and a touch that changes nothing does not; it costs a few milliseconds
// per process (each worker thread checks for itself).
//
// Only a clone has sources to be stale against, and tsx to run them with: the installed package
// ships the bundle without its TypeScript, so where an entry's source is absent the bundle is
// taken as it is.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const hashOf = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The URL of each entry's bundled module, or null if any is not bundled or, in a clone, the bundle
 * may be stale (or `SKEWTUNE_BUNDLE=0` asks for the sources).
 *
 * @param {readonly (string | URL)[]} entries TypeScript entry points, as paths or file URLs
 * @param {string} [dir] the bundle's directory (default: the repository's dist/)
 * @returns {string[] | null}
 */
export function bundled(entries, dir = dist) {
  if (process.env.SKEWTUNE_BUNDLE === '0') return null;
  try {
    const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
    const paths = entries.map((entry) => (entry instanceof URL || entry.startsWith('file:') ? fileURLToPath(entry) : entry));
    const files = paths.map((path) => manifest.entries[relative(dir, path)]);
    if (files.some((file) => typeof file !== 'string')) return null;
    const installed = !paths.some((path) => existsSync(path));
    for (const [source, hash] of installed ? [] : Object.entries(manifest.sources)) {
      if (hashOf(resolve(dir, source)) !== hash) return null;
    }
    return files.map((file) => pathToFileURL(resolve(dir, file)).href);
  } catch {
    // No manifest, a source gone or unreadable: the sources are the safe choice.
    return null;
  }
}
