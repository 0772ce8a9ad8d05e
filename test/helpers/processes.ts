import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children = new Set<ChildProcess>();

/** A `skewtune` process a test started and talks to while it runs. */
export interface SkewtuneProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout (or stderr), now or later; rejects if the process ends first. */
  waitFor(pattern: RegExp, options?: { stream?: 'stdout' | 'stderr'; timeoutMs?: number }): Promise<RegExpMatchArray>;
  signal(signal: NodeJS.Signals): void;
  /** The exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `skewtune ARGS` in the background. Every process started here is remembered, so
 * `killAll` in an afterAll ends those still running even when a test failed half-way.
 *
 * @example
 * const worker = skewtune(['worker', '--connect', url]);
 * await worker.waitFor(/started/);
 */
export function skewtune(args: readonly string[], env: NodeJS.ProcessEnv = {}): SkewtuneProcess {
  const child = spawn(process.execPath, [`${root}/bin/skewtune.js`, ...args], { cwd: root, env: { ...process.env, ...env } });
  children.add(child);
  let out = '';
  let err = '';
  let closed = false;
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => {
    closed = true;
    children.delete(child);
    resolve(code);
  }));
  return {
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, { stream = 'stdout', timeoutMs = 100_000 } = {}) => new Promise((resolve, reject) => {
      const source = child[stream];
      const check = () => {
        const match = (stream === 'stdout' ? out : err).match(pattern);
        if (!match) return;
        cleanup();
        resolve(match);
      };
      const onExit = () => {
        cleanup();
        reject(new Error(`skewtune ${args.join(' ')} ended before printing ${pattern}; stderr: ${err}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`skewtune ${args.join(' ')} did not print ${pattern} within ${timeoutMs} ms; stdout: ${out.slice(-2000)}; stderr: ${err.slice(-2000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        source.off('data', check);
        child.off('close', onExit);
      };
      source.on('data', check);
      child.on('close', onExit);
      check();
      if (closed) onExit();
    }),
    signal: (signal) => child.kill(signal),
    exited,
  };
}

/** SIGKILLs every process `skewtune` started that is still running. */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}
