import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng, defaultTrainConfig, matrix, train, type Dataset, type TrainEvent } from '../../src/internal.ts';
import { availableBackends, kernelBackend, setKernelBackend, type KernelBackend } from '../../src/tensor/backend.ts';
import { loadRuntimes, nodePlatform, type Platform } from '../../src/tensor/wasm/runtime.ts';

// Which build runs: the choice at start-up, the fallbacks when the native module is missing
// or relaxed SIMD does not validate, and the builds agreeing on a whole training run.

const wasmExpected = process.env.SKEWTUNE_KERNELS !== 'ts';
/** Whether the native module was built here and this CPU runs it (test/tensor/native.test.ts checks `npm ci` builds it). */
const nativeExpected = wasmExpected && (() => {
  try {
    nodePlatform.native();
    return true;
  } catch {
    return false;
  }
})();
const preferred = nativeExpected ? 'native' : 'relaxed-simd';
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('SKEWTUNE_KERNELS', () => {
  const probe = "import { kernelBackend, wasm } from './src/tensor/backend.ts'; console.log(kernelBackend(), wasm?.build ?? 'none')";
  const run = (value: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
      env: { ...process.env, SKEWTUNE_KERNELS: value }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();

  it('=ts loads no WebAssembly', () => {
    expect(run('ts')).toBe('ts none');
  });

  it.runIf(wasmExpected).each([...(nativeExpected ? ['native'] : []), 'relaxed-simd', 'simd'])('=%s runs that build', (build) => {
    expect(run(build)).toBe(`${build} ${build}`);
  });

  it.runIf(wasmExpected)('unset takes the native macro-kernel where it was built, else relaxed SIMD (which Node 20 validates once its flag is set)', () => {
    expect(run('')).toBe(`${preferred} ${preferred}`);
  });

  it.each(wasmExpected ? [...(nativeExpected ? ['native'] : []), 'relaxed-simd', 'simd', 'ts'] : ['ts'])('=%s: `train --json` names the build in "kernels"', (build) => {
    const dir = mkdtempSync(join(tmpdir(), 'skewtune-builds-'));
    const rows = Array.from({ length: 40 }, (_, i) => `${(i % 4) * 0.3},${i % 2}`);
    writeFileSync(join(dir, 'tiny.csv'), `x,label\n${rows.join('\n')}\n`);
    const out = execFileSync(process.execPath, [join(root, 'bin/skewtune.js'), 'train', '--dataset', `csv:${join(dir, 'tiny.csv')}`, '--hidden', '4', '--epochs', '1', '--json'], {
      env: { ...process.env, SKEWTUNE_KERNELS: build }, encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });
    expect((JSON.parse(out) as { kernels: string }).kernels).toBe(build);
  });

  it('`skewtune` given an unknown backend prints one line and exits 2 (the kernels load before the CLI\'s error handling)', () => {
    const child = spawnSync(process.execPath, [join(root, 'bin/skewtune.js'), 'datasets'], {
      env: { ...process.env, SKEWTUNE_KERNELS: 'wasm' }, encoding: 'utf8',
    });
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/^skewtune: SKEWTUNE_KERNELS[^\n]*\n$/);
  });

  it('rejects an unknown backend, naming the allowed ones', () => {
    expect(() => run('wasm')).toThrow(/SKEWTUNE_KERNELS must be one of native, relaxed-simd, simd, ts, got "wasm"/);
  });
});

describe.runIf(wasmExpected)('loading the builds', () => {
  /** Node's platform, but relaxed SIMD never validates (an older runtime, simulated). */
  const withoutRelaxed: Platform = { ...nodePlatform, relaxedSimd: () => false };

  it('falls back to the SIMD build without an error or a warning when relaxed SIMD does not validate', () => {
    const warnings: string[] = [];
    const runtimes = loadRuntimes(undefined, withoutRelaxed, (w) => warnings.push(w));
    expect(runtimes.map((r) => r.build)).toEqual(['simd']);
    expect(warnings).toEqual([]);
  });

  /** Node's platform on a machine where the native module was not built (no C++ compiler), simulated. */
  const withoutNative: Platform = { ...nodePlatform, native: () => { throw new Error('not built'); } };

  it('falls back to relaxed SIMD without an error or a warning when the native module is missing', () => {
    const warnings: string[] = [];
    expect(loadRuntimes(undefined, withoutNative, (w) => warnings.push(w)).map((r) => r.build)).toEqual(['relaxed-simd', 'simd']);
    expect(warnings).toEqual([]);
  });

  it('fails in one line when the native build is required but missing', () => {
    expect(() => loadRuntimes('native', withoutNative, () => {})).toThrow(
      /^SKEWTUNE_KERNELS=native, but the native kernels did not load: not built; run `npm run build:native` \(it needs a C\+\+ compiler\)$/);
  });

  it.runIf(nativeExpected)('puts the native build first when it loads, over the same memory as the others', () => {
    const runtimes = loadRuntimes(undefined, nodePlatform, () => {});
    expect(runtimes.map((r) => r.build)).toEqual(['native', 'relaxed-simd', 'simd']);
    expect(runtimes[0]!.heap).toBe(runtimes[2]!.heap);
  });

  it('fails in one line when relaxed SIMD is required but does not validate', () => {
    expect(() => loadRuntimes('relaxed-simd', withoutRelaxed, () => {})).toThrow(
      /^SKEWTUNE_KERNELS=relaxed-simd, but the relaxed-simd kernels did not load: this runtime does not validate relaxed SIMD; run `npm run build:wasm`/);
  });

  it('falls back to SIMD, with a warning, when the relaxed build will not load; to TypeScript when neither does', () => {
    const warnings: string[] = [];
    const broken: Platform = { ...nodePlatform, load: (build, memory) => {
      if (build === 'relaxed-simd') throw new Error('no such file');
      return nodePlatform.load(build, memory);
    } };
    expect(loadRuntimes(undefined, broken, (w) => warnings.push(w)).map((r) => r.build)).toEqual(['simd']);
    expect(warnings).toEqual([expect.stringMatching(/^the relaxed-simd WebAssembly kernels did not load \(no such file\)/)]);
    const none: Platform = { ...nodePlatform, load: () => { throw new Error('no such file'); } };
    expect(loadRuntimes(undefined, none, () => {})).toEqual([]);
  });

  it('shares one memory, so either build works on a matrix the other allocated', () => {
    const [relaxed, simd] = loadRuntimes('relaxed-simd', nodePlatform, () => {});
    expect(relaxed!.heap).toBe(simd!.heap);
  });
});

describe('a whole training run', () => {
  const initial = kernelBackend();
  afterEach(() => setKernelBackend(initial));

  /** 512 rows of 30 features in 3 classes, each class shifted along its own features. */
  function data(): Dataset {
    const rng = createRng('curves');
    const x = matrix(512, 30);
    const y = Int32Array.from({ length: 512 }, (_, i) => i % 3);
    for (let i = 0; i < 512; i++) for (let j = 0; j < 30; j++) x.data[i * 30 + j] = rng.normal(j % 3 === y[i] ? 1 : 0, 1);
    return { x, y, classNames: ['a', 'b', 'c'], featureNames: Array.from({ length: 30 }, (_, j) => `f${j}`) };
  }

  async function lossCurve(backend: KernelBackend): Promise<number[]> {
    setKernelBackend(backend);
    const config = { ...defaultTrainConfig, hidden: [40, 20], batchSize: 32, epochs: 4, seed: 3 };
    const done = await lastValueFrom(train({ train: data() }, config)) as Extract<TrainEvent, { type: 'done' }>;
    return done.history.map((h) => h.loss);
  }

  it('gives the same losses twice with the same build and seed', async () => {
    for (const backend of availableBackends()) expect(await lossCurve(backend)).toEqual(await lossCurve(backend));
  });

  // The builds differ only in the products' rounding (see test/tensor/simd.test.ts), a few
  // units in the last place per step; over 64 Adam steps that stays far below 1e-4 relative.
  it('gives the same loss curve within 1e-4 (relative) under every build', async () => {
    const curves: number[][] = [];
    for (const backend of availableBackends()) curves.push(await lossCurve(backend));
    const [first, ...rest] = curves;
    expect(first!.length).toBe(4);
    for (const curve of rest) curve.forEach((loss, e) => expect(Math.abs(loss - first![e]!)).toBeLessThan(1e-4 * first![e]!));
  });
});
