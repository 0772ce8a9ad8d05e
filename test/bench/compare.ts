import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Wall time of the reports issue's comparison command on MNIST lt:100 (its limit: 10 minutes). */
export function compareBenchmarks(): object[] {
  const out = mkdtempSync(join(tmpdir(), 'skewtune-compare-'));
  try {
    const args = ['compare', '--dataset', 'mnist', '--imbalance', 'lt:100', '--strategies', 'none,bootstrap,smote,focal', '--seeds', '3', '--out', out, '--json'];
    const started = performance.now();
    execFileSync(process.execPath, [`${root}/bin/skewtune.js`, ...args], { encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    const sections = readFileSync(join(out, 'README.md'), 'utf8').split('\n').filter((l) => l.startsWith('## ')).length;
    return [{ name: 'compare', command: `skewtune ${args.slice(0, -3).join(' ')}`, seconds: Number(seconds.toFixed(1)), sections }];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of compareBenchmarks()) console.log(JSON.stringify(row));
}
