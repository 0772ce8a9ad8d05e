import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The README and every page under docs/ (the generated docs/api aside), by path from the root. */
export function docPages(): { path: string; text: string }[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'api' && dir.endsWith('docs') ? [] : walk(path);
    return e.name.endsWith('.md') ? [path] : [];
  });
  return [join(root, 'README.md'), ...walk(join(root, 'docs'))].map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
}

/** The fenced blocks of one language in a markdown text. */
export function fenced(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`\`\`\`${language}\\n([^]*?)\`\`\``, 'g'))].map((m) => m[1]!);
}

/** The `npx skewtune …` commands of the shell blocks, continuation lines joined, comments cut: their arguments. */
export function skewtuneCommands(markdown: string): string[][] {
  return fenced(markdown, 'sh').map((block) => block.replace(/\\\n\s*/g, '')).flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx skewtune '))
    .map((line) => line.split(/\s+/).slice(2));
}

/** The long options (`--name`) a `--help` text lists. */
export function helpOptions(help: string): string[] {
  return [...new Set([...help.matchAll(/^\s+(?:-\w, )?(--[a-z0-9-]+)/gm)].map((m) => m[1]!))];
}

/** The commands a `skewtune --help` text lists (`help` aside). */
export function helpCommands(help: string): string[] {
  const commands = help.slice(help.indexOf('Commands:'));
  return [...commands.matchAll(/^\s{2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}
