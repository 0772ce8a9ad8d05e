import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { marked } from 'marked';

/** Image sources of the markdown, as a markdown library renders them to HTML. */
export function imageSources(markdown: string): string[] {
  const html = marked.parse(markdown, { async: false });
  return [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!);
}

/** Images that do not resolve to a well-formed SVG file beside the markdown. */
export function brokenImages(dir: string, markdown: string): string[] {
  return imageSources(markdown).filter((src) => {
    const path = join(dir, decodeURIComponent(src));
    if (!existsSync(path)) return true;
    const text = readFileSync(path, 'utf8');
    return !text.startsWith('<svg') || XMLValidator.validate(text) !== true;
  });
}

/** Table lines whose cell count differs from their table's header (unescaped pipes count). */
export function raggedTableRows(markdown: string): string[] {
  const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
  const bad: string[] = [];
  let width = 0;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    if (width === 0) width = cells(line);
    else if (cells(line) !== width) bad.push(line);
  }
  return bad;
}

/** Numbers written in the markdown (outside code) that no number or string of `json` accounts for. */
export function unexplainedNumbers(markdown: string, json: unknown): string[] {
  const numbers: number[] = [];
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'number') numbers.push(v);
    else if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(json);
  const prose = markdown.replace(/`[^`]*`/g, '').replace(/\]\([^)]*\)/g, ']');
  return [...prose.matchAll(/(?<![\w.])\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![\w])%?/g)].map((m) => m[0]).filter((token) => {
    if (strings.some((s) => s.includes(token))) return false;
    // "1.23e-3" stands for a number with 3 significant digits.
    if (token.includes('e')) {
      const digits = token.split('e')[0]!.replace('.', '').length;
      return !numbers.some((x) => Number(Math.abs(x).toPrecision(digits)) === Number(token));
    }
    // "95%" stands for 0.95.
    const value = token.endsWith('%') ? Number(token.slice(0, -1)) / 100 : Number(token);
    const decimals = token.endsWith('%') ? 2 : token.split('.')[1]?.length ?? 0;
    return !numbers.some((x) => Math.abs(x).toFixed(decimals) === (token.endsWith('%') ? value.toFixed(2) : token) || Math.abs(x) === value);
  });
}
