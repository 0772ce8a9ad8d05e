import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelBackend } from '../tensor/backend.ts';

/** What ran a report: the program, where it came from, and the machine. */
export interface Receipt {
  /** skewtune's version (package.json). */
  skewtune: string;
  /** The git commit checked out, when run from a checkout; null otherwise. */
  commit: string | null;
  node: string;
  /** The backend that ran the hot kernels, as `src/tensor/backend.ts` names it. */
  kernels: string;
  cpu: string;
  cores: number;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** skewtune's version, from its package.json. */
export function skewtuneVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/**
 * HEAD of the checkout skewtune runs from, or null outside one. An installed package has no .git of
 * its own: git would answer for the project that installed it, whose commit is not skewtune's.
 */
function gitCommit(): string | null {
  if (!existsSync(join(root, '.git'))) return null;
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40}$/.test(commit) ? commit : null;
  } catch {
    return null;
  }
}

let cached: Receipt | undefined;

/**
 * The receipt of this process: skewtune's version and commit, Node, the kernel backend, the CPU.
 * Read once: none of it changes while a report is made.
 *
 * @example
 * receipt(); // { skewtune: '0.1.0', commit: '0ce3242…', node: 'v20.19.0', kernels: 'wasm', cpu: 'AMD EPYC', cores: 2 }
 */
export function receipt(): Receipt {
  const cores = cpus();
  cached ??= {
    skewtune: skewtuneVersion(),
    commit: gitCommit(),
    node: process.version,
    kernels: kernelBackend(),
    cpu: cores[0]?.model.trim() || 'unknown',
    cores: cores.length,
  };
  return cached;
}

/** The receipt's rows as the Reproduce table shows them, in order. */
export function receiptRows(r: Receipt): [string, string][] {
  return [
    ['skewtune', r.skewtune],
    ['commit', r.commit ?? 'not a git checkout'],
    ['node', r.node],
    ['kernels', r.kernels],
    ['cpu', `${r.cpu}, ${r.cores} cores`],
  ];
}
