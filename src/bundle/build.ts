// Bundles the command line, the worker threads' entries and the package's exports into plain
// JavaScript under dist/: what the installed package runs, and in a clone a quicker start, since a
// process or a worker thread loads one file instead of a few hundred TypeScript sources through tsx
// (about 0.3 s of CPU instead of 1 s for the command line, and 0.2 s instead of 0.75 s for each
// worker thread of `compare` or `search --workers`).
//
// Run by `npm run build:bundle`, which `prepare` (so `npm ci` on a fresh clone), `pretest`,
// `prebench` and `prereports` call. dist/ is not committed. What is loaded is decided at run
// time by ./fresh-bundle.js, which in a clone falls back to the sources when any of them changed since.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** An entry point bundled under a name of its own (`src/study/index.ts` as `study`). */
export interface BundleEntry {
  in: string;
  out: string;
}

/** What to bundle, and where. */
export interface BundleOptions {
  /**
   * TypeScript entry points (absolute paths): each becomes `NAME.js` in `outdir`, NAME being its file's
   * name or the `out` given beside it (names must differ).
   */
  entries: readonly (string | BundleEntry)[];
  /** The bundle's directory; it is replaced as a whole. */
  outdir: string;
  /** Files the bundle depends on besides the sources it reads (this script): hashed with them. */
  alsoHashed?: readonly string[];
}

/**
 * Every source keeps its own `import.meta.url` (the wasm kernels, the package's version, the
 * worker threads' entries are found relative to it): rewritten as its path from the bundle's
 * directory, resolved against the bundle file, so dist/ may move with the repository.
 */
function ownUrls(outdir: string): Plugin {
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const from = JSON.stringify(relative(outdir, args.path));
        return { contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `new URL(${from}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Bundles `entries` (npm packages stay imports) into `outdir` with code splitting, so modules
 * that entries share are loaded once per thread, and writes `manifest.json`: each entry's
 * file and the SHA-256 of every source read, paths relative to `outdir`. Built beside it and
 * renamed into place, so a reader never sees half a bundle.
 *
 * @example
 * await buildBundle({ entries: [resolve('src/cli/main.ts')], outdir: resolve('dist') });
 */
export async function buildBundle(options: BundleOptions): Promise<void> {
  const { outdir } = options;
  const entries = options.entries.map((entry) => (typeof entry === 'string' ? { in: entry, out: basename(entry, '.ts') } : entry));
  const staging = join(dirname(outdir), `${basename(outdir)}.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  const { metafile } = await build({
    entryPoints: entries, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
    packages: 'external', outdir: staging, entryNames: '[name]', chunkNames: 'chunk-[hash]', sourcemap: true,
    metafile: true, logLevel: 'error', plugins: [ownUrls(outdir)],
  }).catch((error: unknown) => {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  });
  const cwd = process.cwd();
  const sources = [...Object.keys(metafile.inputs).map((input) => resolve(cwd, input)), ...(options.alsoHashed ?? [])];
  const manifest = {
    entries: Object.fromEntries(entries.map((entry) => [relative(outdir, entry.in), `${entry.out}.js`])),
    sources: Object.fromEntries(sources.sort().map((path) => [relative(outdir, path), sha256(path)])),
  };
  writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  const old = `${staging}.old`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(outdir, old);
  } catch {
    // No bundle yet.
  }
  renameSync(staging, outdir);
  rmSync(old, { recursive: true, force: true });
}

/**
 * The entries skewtune loads: the command line, what its worker threads run, and the package's
 * exports (`skewtune`, `skewtune/study`, `skewtune/plugin`), which share their chunks with the rest.
 */
const entries: BundleEntry[] = [
  ...['src/cli/main.ts', 'src/study/comparison-task.ts', 'src/search/worker-task.ts', 'src/study/task.ts'].map((e) => ({ in: e, out: basename(e, '.ts') })),
  { in: 'src/index.ts', out: 'index' },
  { in: 'src/study/index.ts', out: 'study' },
  { in: 'src/plugin.ts', out: 'plugin' },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const outdir = join(root, 'dist');
  await buildBundle({ entries: entries.map((e) => ({ in: join(root, e.in), out: e.out })), outdir, alsoHashed: [fileURLToPath(import.meta.url)] });
  process.stdout.write(`build:bundle: wrote ${outdir}\n`);
}
