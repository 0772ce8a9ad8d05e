/**
 * The URL of each entry's bundled module (dist/, made by ./build.ts), or null if any is not
 * bundled or the bundle may be stale (in a clone, a source's SHA-256 differs from the manifest's),
 * or `SKEWTUNE_BUNDLE=0` asks for the sources: then load the TypeScript through tsx. Where no
 * entry's source exists (the installed package) the bundle is not checked against sources.
 *
 * @example
 * const [main] = bundled([new URL('../src/cli/main.ts', import.meta.url)]) ?? [];
 */
export function bundled(entries: readonly (string | URL)[], dir?: string): string[] | null;
