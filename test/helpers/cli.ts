import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `skewtune ARGS` as a user would (a separate process) and collects its output. */
export function cli(args: readonly string[], cwd = root): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [`${root}/bin/skewtune.js`, ...args], { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** What a spawned `skewtune` gave: `code` is null when a signal ended it. */
export interface SpawnedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `skewtune ARGS` from the repository's root like `cli`, handing `onStart` a function that
 * signals the process (SIGKILL unless told), for tests that kill a run midway.
 */
export function killableCli(args: readonly string[], onStart?: (kill: (signal?: NodeJS.Signals) => void) => void): Promise<SpawnedRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${root}/bin/skewtune.js`, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    onStart?.((signal = 'SIGKILL') => child.kill(signal));
  });
}
