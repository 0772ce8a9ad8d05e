import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installOnce, root, type Installed } from '../helpers/installed.ts';

const consumer = join(root, 'test/package/consumer');

/** Runs a command in the installed project, as its user would. */
const run = (project: string, command: string, args: readonly string[]) =>
  execFileSync(command, args, { cwd: project, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });

describe('the package, packed and installed into an empty project offline', () => {
  let installed: Installed;
  beforeAll(() => {
    installed = installOnce();
  }, 120_000);
  afterAll(() => rmSync(dirname(installed.dir), { recursive: true, force: true }));

  it('installs the command line, and none of the build tools', () => {
    const modules = join(installed.dir, 'node_modules');
    expect(existsSync(join(modules, '.bin/skewtune'))).toBe(true);
    for (const tool of ['tsx', 'esbuild', 'assemblyscript', 'typescript', 'vitest']) expect(existsSync(join(modules, tool)), tool).toBe(false);
    expect(run(installed.dir, 'npx', ['skewtune', '--version'])).toMatch(/^skewtune 0\.1\.0 \(node v\d+/);
  });

  it("does not give the installing project's git commit as its own", () => {
    run(installed.dir, 'git', ['init', '-q']);
    run(installed.dir, 'git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'a project']);
    expect(run(installed.dir, 'npx', ['skewtune', '--version'])).not.toMatch(/commit/);
  });

  it('trains on the built-in digits with the WebAssembly or native kernels, not the TypeScript ones', () => {
    const result = JSON.parse(run(installed.dir, 'npx', ['skewtune', 'train', '--dataset', 'mnist', '--epochs', '1', '--json'])) as { kernels: string; test: { accuracy: number } };
    expect(['native', 'relaxed-simd', 'simd']).toContain(result.kernels);
    expect(result.test.accuracy).toBeGreaterThan(0.8);
  });

  it('serves a plain .mjs that imports train, search and loadModel and trains a small network', () => {
    copyFileSync(join(consumer, 'train-and-search.mjs'), join(installed.dir, 'train-and-search.mjs'));
    const out = JSON.parse(run(installed.dir, process.execPath, ['train-and-search.mjs'])) as { kernels: string; accuracy: number; predicted: number[]; best: number };
    expect(out.kernels).not.toBe('ts');
    expect(out.accuracy).toBeGreaterThan(0.95);
    expect(out.predicted).toEqual([0, 1]);
    expect(Math.abs(out.best - 0.3)).toBeLessThan(0.3);
  });

  it('type-checks a .ts consumer against the shipped declarations (a wrong type is caught)', () => {
    copyFileSync(join(consumer, 'typed.ts'), join(installed.dir, 'typed.ts'));
    // The consumer's compiler is this project's tsc; Node's types come from here too, as a consumer's own @types/node would.
    writeFileSync(join(installed.dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
      },
      files: ['typed.ts'],
    }));
    const tsc = join(root, 'node_modules/.bin/tsc');
    expect(() => run(installed.dir, tsc, ['-p', '.'])).not.toThrow();
  });
});
