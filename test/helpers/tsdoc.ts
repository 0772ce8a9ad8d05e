import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { root } from './docs.ts';

/** One name an entry exports: where it is declared, whether it is a type, and its TSDoc. */
export interface PublicExport {
  name: string;
  /** The declaring file, from the repository's root. */
  file: string;
  typeOnly: boolean;
  /** The TSDoc comment right before the declaration (without the comment marks), or null. */
  doc: string | null;
}

/** `export { a, type B } from './x.ts'` and `export type { C } from './y.ts'` lines of an entry file. */
const reexport = /^export\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/gm;

/** The TSDoc before `export … NAME` in `file`, following `export { NAME } from` to where it is declared; null where it has none. */
function docOf(file: string, name: string): string | null {
  const text = readFileSync(join(root, file), 'utf8');
  const declaration = new RegExp(`^export\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|const|let|class|interface|type|enum)\\s+${name}\\b`, 'm').exec(text);
  if (!declaration) {
    const onward = [...text.matchAll(reexport)].find(([, , names]) => names!.split(',').some((n) => n.trim().replace(/^type\s+/, '') === name));
    return onward ? docOf(relative(root, join(root, dirname(file), onward[3]!)), name) : null;
  }
  const before = text.slice(0, declaration.index).trimEnd();
  if (!before.endsWith('*/')) return null;
  const start = before.lastIndexOf('/**');
  return start < 0 ? null : before.slice(start + 3, -2).split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n').trim();
}

/**
 * Every name an entry (`src/index.ts`) re-exports, each with its declaring file and TSDoc.
 *
 * @example
 * publicExports('src/index.ts').find((e) => e.name === 'train')!.doc; // 'Trains a network …'
 */
export function publicExports(entry: string): PublicExport[] {
  const text = readFileSync(join(root, entry), 'utf8');
  return [...text.matchAll(reexport)].flatMap(([, allTypes, names, from]) => {
    const file = relative(root, join(root, dirname(entry), from!));
    return names!.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
      const typeOnly = Boolean(allTypes) || n.startsWith('type ');
      const name = n.replace(/^type\s+/, '').split(/\s+as\s+/).pop()!;
      return { name, file, typeOnly, doc: docOf(file, name) };
    });
  });
}

/** The code of each `@example` of a TSDoc comment. */
export function examplesOf(doc: string): string[] {
  return doc.split(/^@example\s*$/m).slice(1).map((part) => part.split(/^@\w+/m)[0]!.replace(/^```\w*\n|```\s*$/gm, '').trim()).filter(Boolean);
}
