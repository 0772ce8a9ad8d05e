import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled } from '../../src/bundle/fresh-bundle.js';
import { tempDir } from './files.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** What `npm pack --json` says of a tarball. */
export interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
}

/** Runs npm with `args` in `cwd`, its output returned (npm's own notices silenced). */
export function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', [...args, '--loglevel=error'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** What `npm pack` would put in the tarball, without writing it. */
export function packList(): Packed {
  return (JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], root)) as Packed[])[0]!;
}

/**
 * Packs the project into `dir` as `npm pack` does. The build scripts are skipped (a test must not
 * replace dist/ under other tests' feet): the bundle must be fresh (`npm test` built it first), and
 * the declarations are emitted again here, where nothing else reads them.
 */
function pack(dir: string): Packed {
  const entries = ['src/cli/main.ts', 'src/index.ts', 'src/study/index.ts', 'src/plugin.ts'].map((e) => join(root, e));
  if (!bundled(entries)) throw new Error('dist/ is missing or stale: run `npm run build` first');
  npm(['run', 'build:types'], root);
  return (JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root)) as Packed[])[0]!;
}

/**
 * A lock file that installs the tarball and, for its dependencies, exactly what the project's
 * own package-lock.json resolved (the entries not marked dev): so `npm install --offline` finds
 * every tarball in the cache that `npm ci` filled, without asking the registry for metadata.
 */
function consumerLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; version?: string; dependencies?: object }> };
  const own = lock.packages['']!;
  const runtime = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional);
  return {
    name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true,
    packages: {
      '': { name: 'consumer', version: '1.0.0', dependencies: { skewtune: `file:${tarball}` } },
      'node_modules/skewtune': { version: own.version, resolved: `file:${tarball}`, dependencies: own.dependencies, bin: { skewtune: 'bin/skewtune.js' }, engines: { node: '>=20' } },
      ...Object.fromEntries(runtime),
    },
  };
}

/** A temporary project with skewtune installed from its tarball, and what was packed. */
export interface Installed {
  dir: string;
  packed: Packed;
}

let installed: Installed | undefined;

/**
 * Packs the project once per process and installs the tarball into a fresh, empty project,
 * offline, from npm's cache (`npm ci` filled it): what a user gets from `npm install skewtune`.
 *
 * @example
 * const { dir } = installOnce(); // dir/node_modules/skewtune, dir/node_modules/.bin/skewtune
 */
export function installOnce(): Installed {
  if (installed) return installed;
  const dir = tempDir();
  const packed = pack(dir);
  const project = join(dir, 'project');
  mkdirSync(project);
  const tarball = join(dir, packed.filename);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies: { skewtune: `file:${tarball}` } }, null, 2)}\n`);
  writeFileSync(join(project, 'package-lock.json'), `${JSON.stringify(consumerLock(tarball), null, 2)}\n`);
  npm(['install', '--offline', '--no-audit', '--no-fund'], project);
  installed = { dir: project, packed };
  return installed;
}
