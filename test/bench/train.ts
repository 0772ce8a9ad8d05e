import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { availableBackends, defaultTrainConfig, kernelBackend, setKernelBackend, train, type TrainEvent } from '../../src/internal.ts';
import { syntheticDigits } from './synthetic-digits.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));


/** Training samples per second of 784-256-128-10 with Adam at batch 128, on one thread, per kernel backend. */
export async function trainBenchmarks(): Promise<object[]> {
  const data = { train: syntheticDigits(128 * 40, 'bench') };
  const config = { ...defaultTrainConfig, hidden: [256, 128], batchSize: 128, optimizer: { name: 'adam' as const, lr: 0.001 } };
  const backends = availableBackends();
  const initial = kernelBackend();
  const rows: object[] = [];
  for (const backend of backends) {
    setKernelBackend(backend);
    await lastValueFrom(train(data, { ...config, epochs: 1, maxSteps: 10 }));
    const steps = backend === 'ts' ? 150 : 600;
    // The trainer's clock: the steps, not building the model (as test/bench/peers.ts).
    const done = await lastValueFrom(train(data, { ...config, epochs: 100, maxSteps: steps })) as Extract<TrainEvent, { type: 'done' }>;
    const seconds = done.seconds;
    rows.push({ name: 'train', backend, layers: '784-256-128-10', batch: 128, optimizer: 'adam', steps, seconds, samplesPerSec: Math.round((steps * 128) / seconds) });
  }
  setKernelBackend(initial);
  return rows;
}

/** Peak resident memory of `skewtune train` on mnist, as the process itself reports it. */
export function memoryBenchmarks(): object[] {
  const out = execFileSync(process.execPath, [`${root}/bin/skewtune.js`, 'train', '--dataset', 'mnist', '--hidden', '256,128', '--epochs', '2', '--json'], { encoding: 'utf8' });
  const { peakMemoryMB, seconds } = JSON.parse(out) as { peakMemoryMB: number; seconds: number };
  return [{ name: 'memory', command: 'train --dataset mnist --hidden 256,128 --epochs 2', peakMemoryMB, seconds }];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of [...(await trainBenchmarks()), ...memoryBenchmarks()]) console.log(JSON.stringify(row));
}
