import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** report.json without what may differ between runs of one command: the timing and the command line. */
function numbers(dir: string): string {
  const { timing: _, command: __, ...rest } = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/**
 * Wall time of a comparison on MNIST lt:100 in one thread and on two worker threads, and
 * whether both wrote the same report.json. It is the reports issue's command with 5 seeds
 * and 30 epochs: 20 runs of about 2 s each on a quiet machine, so the runs, which the second
 * core can share, outweigh what it cannot: starting Node and loading the data, writing the
 * report (about 2 s of the main thread's CPU), and starting each worker thread (about 0.7 s
 * of CPU, its modules loaded through tsx; 2 threads took 3 s more CPU in all than one thread
 * at 15 epochs). The 3-seed, 5-epoch command spends a third of its time in those.
 */
export function compareBenchmarks(): object[] {
  const out = mkdtempSync(join(tmpdir(), 'skewtune-compare-'));
  try {
    const args = ['compare', '--dataset', 'mnist', '--imbalance', 'lt:100', '--strategies', 'none,bootstrap,smote,focal', '--seeds', '5', '--epochs', '30'];
    const seconds: Record<number, number> = {};
    for (const workers of [1, 2]) {
      const started = performance.now();
      execFileSync(process.execPath, [`${root}/bin/skewtune.js`, ...args, '--workers', String(workers), '--out', join(out, String(workers)), '--json'], { encoding: 'utf8' });
      seconds[workers] = Number(((performance.now() - started) / 1000).toFixed(1));
    }
    const sections = readFileSync(join(out, '1', 'README.md'), 'utf8').split('\n').filter((l) => l.startsWith('## ')).length;
    return [{
      name: 'compare', command: `skewtune ${args.join(' ')}`, seconds: seconds[1], secondsWith2Workers: seconds[2],
      ratio: Number((seconds[2]! / seconds[1]!).toFixed(2)), sameReport: numbers(join(out, '1')) === numbers(join(out, '2')), sections,
    }];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of compareBenchmarks()) console.log(JSON.stringify(row));
}
