import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled } from '../../src/bundle/fresh-bundle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** report.json without what may differ between runs of one command: the timing and the command line. */
function numbers(dir: string): string {
  const { timing: _, command: __, ...rest } = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/**
 * Wall time of a comparison on MNIST lt:100 in one thread and on two worker threads, the CPU
 * seconds of each (every thread of the process; steadier than wall time on a shared machine),
 * and whether both wrote the same report.json. It is the reports issue's command with 5 seeds
 * and 60 epochs: 20 runs of about 1.2 s each on a quiet machine (25 s in one thread, about what
 * 30 epochs took on the WebAssembly kernels: with the native product 30 epochs take 15 s), so
 * the runs, which the second core can share, outweigh what it cannot: starting Node and loading
 * the data (about 1 s), writing the report (0.3 s), and each thread's own JIT warm-up, which a
 * one-thread run gets on the idle core. The worker threads load the bundle (`bundled`: dist/ is
 * fresh; through tsx instead, each took 0.7 s more CPU and the first run started 0.9 s later)
 * while this thread loads the data, so they cost the wall clock nothing.
 */
export function compareBenchmarks(): object[] {
  const out = mkdtempSync(join(tmpdir(), 'skewtune-compare-'));
  try {
    const args = ['compare', '--dataset', 'mnist', '--imbalance', 'lt:100', '--strategies', 'none,bootstrap,smote,focal', '--seeds', '5', '--epochs', '60'];
    const seconds: Record<number, number> = {};
    const cpuSeconds: Record<number, number> = {};
    for (const workers of [1, 2]) {
      const started = performance.now();
      const printed = execFileSync(process.execPath, [`${root}/bin/skewtune.js`, ...args, '--workers', String(workers), '--out', join(out, String(workers)), '--json'], { encoding: 'utf8' });
      seconds[workers] = Number(((performance.now() - started) / 1000).toFixed(1));
      cpuSeconds[workers] = Number((JSON.parse(printed) as { cpuSeconds: number }).cpuSeconds.toFixed(1));
    }
    const sections = readFileSync(join(out, '1', 'README.md'), 'utf8').split('\n').filter((l) => l.startsWith('## ')).length;
    return [{
      name: 'compare', command: `skewtune ${args.join(' ')}`, seconds: seconds[1], secondsWith2Workers: seconds[2],
      ratio: Number((seconds[2]! / seconds[1]!).toFixed(2)), cpuSeconds: cpuSeconds[1], cpuSecondsWith2Workers: cpuSeconds[2],
      sameReport: numbers(join(out, '1')) === numbers(join(out, '2')), sections, bundled: bundled([join(root, 'src/cli/main.ts')]) !== null,
    }];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of compareBenchmarks()) console.log(JSON.stringify(row));
}
