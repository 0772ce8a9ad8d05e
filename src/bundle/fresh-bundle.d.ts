/**
 * The URL of each entry's bundled module (dist/, made by ./build.ts), or null if any is not
 * bundled or the bundle may be stale (a source's SHA-256 differs from the manifest's), or
 * `SKEWTUNE_BUNDLE=0` asks for the sources: then load the TypeScript through tsx.
 *
 * @example
 * const [main] = bundled([new URL('../src/cli/main.ts', import.meta.url)]) ?? [];
 */
export function bundled(entries: readonly (string | URL)[], dir?: string): string[] | null;
