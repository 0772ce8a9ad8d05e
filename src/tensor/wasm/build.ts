// Compiles the AssemblyScript kernels (./assembly) to build/kernels.wasm.
//
// Run by `npm run build:wasm`, which `prepare` (so `npm ci` on a fresh clone), `pretest`
// and `prebench` call. The output is not committed: it is a pure function of the sources,
// the compiler version pinned by package-lock.json and the flags below, and a stamp of
// those lets repeated runs skip the five-second compile when nothing changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sourceDir = fileURLToPath(new URL('./assembly/', import.meta.url));
const buildDir = fileURLToPath(new URL('./build/', import.meta.url));
const output = `${buildDir}kernels.wasm`;
const stampFile = `${output}.stamp`;

// No runtime (JavaScript owns the memory and passes offsets), no assertions, SIMD on.
const flags = [
  '--outFile', output, '--optimize', '--optimizeLevel', '3', '--noAssert',
  '--enable', 'simd', '--importMemory', '--runtime', 'stub',
];

// The compiler is imported only when needed: loading it (binaryen) alone takes seconds.
const version = (JSON.parse(readFileSync(new URL(import.meta.resolve('assemblyscript/package.json')), 'utf8')) as { version: string }).version;
const sources = readdirSync(sourceDir).filter((f) => f.endsWith('.ts')).sort();
const hash = createHash('sha256').update(`${version}\n${flags.join(' ')}\n`);
for (const file of sources) hash.update(`${file}\n`).update(readFileSync(sourceDir + file));
const stamp = hash.digest('hex');

if (existsSync(output) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  process.exit(0);
}
mkdirSync(buildDir, { recursive: true });
const { default: asc } = await import('assemblyscript/asc');
const { error, stderr } = await asc.main([`${sourceDir}index.ts`, ...flags]);
if (error) {
  process.stderr.write(stderr.toString());
  process.stderr.write(`build:wasm: ${error.message}\n`);
  process.exit(1);
}
writeFileSync(stampFile, stamp);
process.stdout.write(`build:wasm: wrote ${output}\n`);
