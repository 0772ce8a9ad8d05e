// Compiles the AssemblyScript kernels (./assembly) into two builds under build/:
// kernels-simd.wasm (WebAssembly SIMD, every product rounded separately) and
// kernels-relaxed-simd.wasm (the same sources with relaxed SIMD enabled, so the matrix
// product's multiply-adds become fused ones where the CPU has FMA; see assembly/fma.ts).
//
// Run by `npm run build:wasm`, which `prepare` (so `npm ci` on a fresh clone), `pretest`
// and `prebench` call. The output is not committed: it is a pure function of the sources,
// the compiler version pinned by package-lock.json and the flags below, and a stamp of
// those lets repeated runs skip the compile when nothing changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sourceDir = fileURLToPath(new URL('./assembly/', import.meta.url));
const buildDir = fileURLToPath(new URL('./build/', import.meta.url));

// No runtime (JavaScript owns the memory and passes offsets), no assertions.
const common = ['--optimize', '--optimizeLevel', '3', '--noAssert', '--importMemory', '--runtime', 'stub'];
const builds: Record<string, string[]> = {
  simd: ['--enable', 'simd'],
  'relaxed-simd': ['--enable', 'simd', '--enable', 'relaxed-simd'],
};

// The compiler is imported only when needed: loading it (binaryen) alone takes seconds.
const version = (JSON.parse(readFileSync(new URL(import.meta.resolve('assemblyscript/package.json')), 'utf8')) as { version: string }).version;
const sources = readdirSync(sourceDir).filter((f) => f.endsWith('.ts')).sort();

mkdirSync(buildDir, { recursive: true });
for (const [name, features] of Object.entries(builds)) {
  const output = `${buildDir}kernels-${name}.wasm`;
  const stampFile = `${output}.stamp`;
  const flags = ['--outFile', output, ...common, ...features];
  const hash = createHash('sha256').update(`${version}\n${flags.join(' ')}\n`);
  for (const file of sources) hash.update(`${file}\n`).update(readFileSync(sourceDir + file));
  const stamp = hash.digest('hex');
  if (existsSync(output) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) continue;
  const { default: asc } = await import('assemblyscript/asc');
  const { error, stderr } = await asc.main([`${sourceDir}index.ts`, ...flags]);
  if (error) {
    process.stderr.write(stderr.toString());
    process.stderr.write(`build:wasm (${name}): ${error.message}\n`);
    process.exit(1);
  }
  writeFileSync(stampFile, stamp);
  process.stdout.write(`build:wasm: wrote ${output}\n`);
}
