// Builds the native macro-kernel (./macro-kernel.cc) with node-gyp, which npm puts on the
// PATH of its scripts (`npm run build:native`, called by prepare, pretest and prebench).
// The build is optional: without a C++ compiler it says so and exits 0, and the
// WebAssembly kernels run instead. A stamp of the sources skips an unchanged rebuild and
// is what the loader (./addon.ts) checks, so a module older than its source never loads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modulePath, sourceStamp, stampPath } from './stamp.ts';

const stamp = sourceStamp();
if (!(existsSync(modulePath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp)) {
  rmSync(stampPath, { force: true });
  const gyp = process.env.npm_config_node_gyp;
  const [command, args] = gyp ? [process.execPath, [gyp]] : ['node-gyp', []];
  const result = spawnSync(command, [...args, 'rebuild', '--directory', fileURLToPath(new URL('.', import.meta.url))], { encoding: 'utf8' });
  if (result.status === 0) {
    writeFileSync(stampPath, stamp);
    process.stdout.write(`build:native: wrote ${fileURLToPath(modulePath)}\n`);
  } else {
    const why = result.error?.message ?? result.stderr.split('\n').find((line) => /error/i.test(line)) ?? `exit ${result.status}`;
    process.stdout.write(`build:native: not built (${why.trim()}); the WebAssembly kernels will run\n`);
  }
}
