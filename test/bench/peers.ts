// skewtune against its peers, measured in the same run and interleaved, so a busy machine
// slows both alike: one-thread training of 784-256-128-10 (Adam, batch 128) against
// PyTorch, and A·B at 128×784·784×256 against NumPy's sgemm (OpenBLAS). Five rounds of
// each pair; the medians and their ratio are printed, with the ceiling of 128-bit
// multiply-adds (registers only) that caps the product's ratio. Skipped, with a row saying why, when
// no Python with torch and numpy is found (CI need not install them).
//
//   npx tsx test/bench/peers.ts     one JSON object per line
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { createRng, defaultTrainConfig, kernelBackend, kernelMatrix, matmul, train, type Dataset, type TrainEvent } from '../../src/internal.ts';
import { setKernelBackend, wasmRuntimes } from '../../src/tensor/backend.ts';
import { syntheticDigits } from './synthetic-digits.ts';

const script = fileURLToPath(new URL('./peer.py', import.meta.url));
const rounds = 5;

/**
 * The peer's environment: one thread everywhere, and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE
 * removed (these machines set them, and they slow a current OpenBLAS). Only the peer's
 * command sees this; skewtune's own environment is left as it is.
 */
function peerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** The first Python that imports torch and numpy (SKEWTUNE_PYTHON first, then Debian's), or null. */
function findPython(): string | null {
  const candidates = [process.env.SKEWTUNE_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const python of candidates) {
    try {
      execFileSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore', env: peerEnv() });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}

/** The numbers peer.py prints, in order. */
function peer(python: string, ...args: string[]): number[] {
  return execFileSync(python, [script, ...args], { encoding: 'utf8', env: peerEnv() }).trim().split(/\s+/).map(Number);
}


const steps = 300;

/**
 * Samples/s over the steps alone, by the trainer's own clock (`done.seconds` starts once
 * the model and buffers are built), as peer.py times PyTorch's steps after building its
 * model; and by this process's CPU time over the whole run (model building included).
 */
async function skewtuneTrain(data: Dataset): Promise<[number, number]> {
  const config = { ...defaultTrainConfig, hidden: [256, 128], batchSize: 128, optimizer: { name: 'adam' as const, lr: 0.001 } };
  await lastValueFrom(train({ train: data }, { ...config, epochs: 1, maxSteps: 20 }));
  const cpu = process.cpuUsage();
  const done = await lastValueFrom(train({ train: data }, { ...config, epochs: 100, maxSteps: steps })) as Extract<TrainEvent, { type: 'done' }>;
  const { user, system } = process.cpuUsage(cpu);
  return [(steps * 128) / done.seconds, (steps * 128) / ((user + system) / 1e6)];
}

/**
 * GFLOP/s of independent 128-bit fused multiply-adds from registers alone (assembly/peak.ts,
 * relaxed-SIMD build): the most any WebAssembly product can reach here, whatever its
 * blocking. (In the SIMD build the same loop is a chain of a multiply then an add, bound by
 * their latency, not by the vector units: no ceiling.)
 */
function fmaCeiling(seconds: number): number {
  const kernels = wasmRuntimes.find((r) => r.build === 'relaxed-simd')?.kernels;
  if (!kernels) return NaN;
  const iterations = 1_000_000;
  kernels.fmaPeak(iterations);
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    kernels.fmaPeak(iterations);
    calls++;
  }
  return (calls * iterations * 12 * 8) / ((performance.now() - started) / 1000) / 1e9;
}

function skewtuneGemm(seconds: number): number {
  const rng = createRng('peers-gemm');
  const [a, b, c] = [kernelMatrix(128, 784), kernelMatrix(784, 256), kernelMatrix(128, 256)];
  for (const m of [a, b]) for (let i = 0; i < m.data.length; i++) m.data[i] = rng.uniform();
  for (let i = 0; i < 50; i++) matmul(a, b, c);
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 20; i++) matmul(a, b, c);
    calls += 20;
  }
  return (2 * 128 * 784 * 256 * calls) / ((performance.now() - started) / 1000) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/**
 * Training samples/s and A·B GFLOP/s of skewtune and of PyTorch / NumPy, interleaved.
 *
 * @example
 * for (const row of await peerBenchmarks()) console.log(JSON.stringify(row));
 */
export async function peerBenchmarks(): Promise<object[]> {
  const python = findPython();
  if (!python) return [{ name: 'peers', skipped: 'no python3 with torch and numpy (apt-get install python3-torch python3-numpy)' }];
  const data = syntheticDigits(128 * 40, 'peers');
  const ours = { train: [] as number[], cpu: [] as number[], gemm: [] as number[], wasmGemm: [] as number[], ceiling: [] as number[] };
  const kernels = kernelBackend();
  const wasmBuild = wasmRuntimes.some((r) => r.build === 'relaxed-simd') && kernels === 'native' ? 'relaxed-simd' : undefined;
  const theirs = { train: [] as number[], cpu: [] as number[], gemm: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const [wall, cpu] = await skewtuneTrain(data);
    const [peerWall, peerCpu] = peer(python, 'train', String(steps));
    ours.train.push(wall);
    ours.cpu.push(cpu);
    theirs.train.push(peerWall!);
    theirs.cpu.push(peerCpu!);
    ours.gemm.push(skewtuneGemm(1));
    // The WebAssembly product beside the native one, when the native one runs: what a machine without a compiler gets.
    if (wasmBuild) {
      setKernelBackend(wasmBuild);
      ours.wasmGemm.push(skewtuneGemm(1));
      setKernelBackend(kernels);
    }
    theirs.gemm.push(peer(python, 'sgemm', '1')[0]!);
    ours.ceiling.push(fmaCeiling(0.5));
  }
  const [t, g] = [median(ours.train), median(theirs.train)];
  const [x, y, z] = [median(ours.gemm), median(theirs.gemm), median(ours.ceiling)];
  const w = wasmBuild ? median(ours.wasmGemm) : x;
  return [
    { name: 'peer-train', layers: '784-256-128-10', batch: 128, optimizer: 'adam', threads: 1, kernels, rounds,
      samplesPerSec: Math.round(t), pytorchSamplesPerSec: Math.round(g), ratio: round(t / g),
      // By CPU time: steadier than the wall clock when other processes take turns on the cores.
      ratioByCpuTime: round(median(ours.cpu) / median(theirs.cpu)) },
    { name: 'peer-matmul', form: 'A·B', m: 128, k: 784, n: 256, threads: 1, kernels, rounds,
      gflops: round(x, 1), numpyGflops: round(y, 1), ratio: round(x / y),
      ...(wasmBuild ? { relaxedSimdGflops: round(w, 1), relaxedSimdRatio: round(w / y) } : {}) },
    // The cap on a WebAssembly product's ratio: 128-bit vectors against OpenBLAS's AVX-512 on the same core.
    Number.isNaN(z)
      ? { name: 'fma-ceiling', skipped: 'the relaxed-SIMD build did not load' }
      : { name: 'fma-ceiling', vector: 'f32x4', build: 'relaxed-simd', threads: 1, rounds, gflops: round(z, 1), numpyGflops: round(y, 1),
        cap: round(z / y), wasmMatmulShare: round(w / z) },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await peerBenchmarks()) console.log(JSON.stringify(row));
}
