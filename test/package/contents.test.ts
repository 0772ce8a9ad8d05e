import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packList, root } from '../helpers/installed.ts';

/** Files a package must not carry: the tests, the reports, the build and test configuration. */
const unwanted = [/^test\//, /^reports\//, /^\.ci\//, /^scratch\//, /^tools\//, /^typedoc\.json$/, /(^|\/)tsconfig[^/]*\.json$/, /(^|\/)vitest\.config\./, /\.test\.[jt]s$/, /^package-lock\.json$/];

describe('npm pack', () => {
  const packed = packList();
  const paths = packed.files.map((f) => f.path);

  it('lists no test, report or config file, and no TypeScript source (declarations only)', () => {
    expect(paths.filter((p) => unwanted.some((u) => u.test(p)))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('carries what runs: the command line, the bundle with its source maps, the declarations, the kernels', () => {
    for (const path of ['bin/skewtune.js', 'dist/main.js', 'dist/index.js', 'dist/study.js', 'dist/plugin.js', 'dist/manifest.json', 'types/src/index.d.ts',
      'src/tensor/wasm/build/kernels-simd.wasm', 'src/tensor/wasm/build/kernels-relaxed-simd.wasm', 'src/search/worker.js', 'src/dashboard/page/index.html']) {
      expect(paths, path).toContain(path);
    }
    expect(paths.filter((p) => p.startsWith('dist/') && p.endsWith('.js')).every((p) => paths.includes(`${p}.map`))).toBe(true);
  });

  it('points every export at a file it carries, types first', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>>; scripts: Record<string, string> };
    for (const [name, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      expect(Object.keys(target), name).toEqual(['types', 'import']);
      for (const file of Object.values(target)) expect(paths, `${name} → ${file}`).toContain(file.replace(/^\.\//, ''));
    }
    expect(manifest.scripts.prepack).toBe('npm run build');
  });
});
