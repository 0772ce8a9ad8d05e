import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/** One import of a project file: its target (a path from the repository root), and whether only types cross it. */
export interface Edge {
  to: string;
  typeOnly: boolean;
}

/** A project's source files by path from the repository root: their imports of other project files, and their length. */
export type ImportGraph = Map<string, { lines: number; imports: Edge[] }>;

// `import … from './x.ts'`, `export … from './x.ts'`, `import './x.ts'`, `import('./x.ts')` and
// `new URL('./x.ts', import.meta.url)` (how worker threads are given their module).
const importPattern = /^\s*(import|export)(\s+type)?\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/gm;

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(root, path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Reads the import graph of the files under `dirs` (relative to `root`): relative specifiers
 * only, since packages are not the project's; a target outside `dirs` is kept as an edge.
 *
 * @example
 * const graph = readImportGraph(process.cwd(), ['src', 'strategies', 'datasets', 'reports', 'bin']);
 */
export function readImportGraph(root: string, dirs: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of dirs.flatMap((dir) => sourceFiles(root, dir))) {
    const text = readFileSync(join(root, file), 'utf8');
    const imports: Edge[] = [];
    for (const m of text.matchAll(importPattern)) {
      const specifier = m[3] ?? m[4] ?? m[5] ?? m[6]!;
      if (!specifier.startsWith('.')) continue;
      const to = relative(root, join(root, dirname(file), specifier)).split('\\').join('/');
      imports.push({ to, typeOnly: m[2] !== undefined });
    }
    graph.set(file, { lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), imports });
  }
  return graph;
}
