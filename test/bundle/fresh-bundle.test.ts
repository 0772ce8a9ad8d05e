import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { bundled } from '../../src/bundle/fresh-bundle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What a bundled module exports, read in a fresh Node process (this one caches modules by URL). */
const exportsOf = (url: string) =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify(m))`], { encoding: 'utf8' })) as Record<string, unknown>;

describe('the bundle and its guard', () => {
  // A project of two sources, one reading a file beside it through import.meta.url, and a build script.
  const dir = mkdtempSync(join(tmpdir(), 'skewtune-bundle-'));
  const src = join(dir, 'src');
  const dist = join(dir, 'dist');
  const entry = join(src, 'entry.ts');
  const twice = join(src, 'twice.ts');
  const script = join(dir, 'build.ts');
  const build = () => buildBundle({ entries: [entry], outdir: dist, alsoHashed: [script] });
  beforeAll(async () => {
    mkdirSync(src);
    writeFileSync(entry, [
      "import { readFileSync } from 'node:fs';",
      "import { twice } from './twice.ts';",
      'export const answer: number = twice(21);',
      "export const note = readFileSync(new URL('./note.txt', import.meta.url), 'utf8');",
    ].join('\n'));
    writeFileSync(twice, 'export const twice = (x: number): number => 2 * x;\n');
    writeFileSync(join(src, 'note.txt'), 'beside the source');
    writeFileSync(script, '// the build\n');
    await build();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the bundled file of a fresh entry, which runs as the sources do (import.meta.url is still the source\'s)', () => {
    const [url] = bundled([entry], dist)!;
    expect(url).toBe(`file://${dist}/entry.js`);
    expect(exportsOf(url!)).toEqual({ answer: 42, note: 'beside the source' });
    expect(bundled([new URL(`file://${entry}`)], dist)).toEqual([url]);
  });

  it('refuses the bundle once any source or the build script differs, or is gone, and trusts the bytes, not the time', () => {
    const before = readFileSync(twice, 'utf8');
    utimesSync(twice, new Date(), new Date(Date.now() + 60_000));
    expect(bundled([entry], dist)).not.toBeNull();
    writeFileSync(twice, 'export const twice = (x: number): number => 3 * x;\n');
    expect(bundled([entry], dist)).toBeNull();
    writeFileSync(twice, before);
    expect(bundled([entry], dist)).not.toBeNull();
    writeFileSync(script, '// the build, changed\n');
    expect(bundled([entry], dist)).toBeNull();
    writeFileSync(script, '// the build\n');
    rmSync(twice);
    expect(bundled([entry], dist)).toBeNull();
    writeFileSync(twice, before);
  });

  it('refuses an entry it does not hold, a missing bundle, and any bundle when SKEWTUNE_BUNDLE=0', () => {
    expect(bundled([entry, twice], dist)).toBeNull();
    expect(bundled([entry], join(dir, 'nowhere'))).toBeNull();
    process.env.SKEWTUNE_BUNDLE = '0';
    try {
      expect(bundled([entry], dist)).toBeNull();
    } finally {
      delete process.env.SKEWTUNE_BUNDLE;
    }
  });

  it('runs the changed sources once rebuilt', async () => {
    writeFileSync(twice, 'export const twice = (x: number): number => x + x + 1;\n');
    expect(bundled([entry], dist)).toBeNull();
    await build();
    expect(exportsOf(bundled([entry], dist)![0]!)).toMatchObject({ answer: 43 });
  });

  it('in an installed package (no TypeScript beside the bundle) gives the bundle without checking sources', async () => {
    const other = join(dir, 'named');
    await buildBundle({ entries: [{ in: entry, out: 'library' }], outdir: other });
    const manifest = JSON.parse(readFileSync(join(other, 'manifest.json'), 'utf8')) as { entries: Record<string, string> };
    expect(Object.values(manifest.entries)).toEqual(['library.js']);
    const sources = join(dir, 'src.away');
    renameSync(src, sources);
    try {
      expect(bundled([entry], other)).toEqual([pathToFileURL(join(other, 'library.js')).href]);
    } finally {
      renameSync(sources, src);
    }
    writeFileSync(twice, 'export const twice = (x: number): number => 3 * x;\n');
    expect(bundled([entry], other)).toBeNull();
  });

  it('the command line still runs, from the TypeScript sources through tsx, with the bundle turned off', () => {
    const version = (env: NodeJS.ProcessEnv) => execFileSync(process.execPath, [join(root, 'bin/skewtune.js'), '--version'], { encoding: 'utf8', env });
    expect(version({ ...process.env, SKEWTUNE_BUNDLE: '0' })).toBe(version(process.env));
  });
});
