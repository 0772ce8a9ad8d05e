#!/usr/bin/env node
// Runs the command line from its JavaScript bundle (dist/). The installed package has nothing else;
// in a clone (where `npm ci`, `npm test` and `npm run build:bundle` make it) the bundle runs when
// every source still matches it, else the TypeScript sources through tsx, a devDependency: quicker
// to start, and never stale code (../src/bundle/fresh-bundle.js).
import { bundled } from '../src/bundle/fresh-bundle.js';

const [entry] = bundled([new URL('../src/cli/main.ts', import.meta.url)]) ?? [];
// Stack traces name the TypeScript sources, as they do through tsx (the bundle has source maps).
if (entry && process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { main } = await loaded();
process.exitCode = await main(process.argv.slice(2));

// The kernels are chosen as the modules load (SKEWTUNE_KERNELS), before the command line's own
// error handling exists: a bad value there is the user's input too, so one line and exit 2.
async function loaded() {
  try {
    return entry ? await import(entry) : await fromSources();
  } catch (error) {
    if (process.argv.includes('--debug') || !/^SKEWTUNE_KERNELS/.test(error?.message ?? '')) throw error;
    process.stderr.write(`skewtune: ${error.message}\n`);
    process.exit(2);
  }
}

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}
