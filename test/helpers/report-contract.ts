import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { expect, it } from 'vitest';
import { cli } from './cli.ts';
import { brokenImages, raggedTableRows, unexplainedNumbers } from './markdown.ts';

/** What the checks read once the report exists: two runs of one command, `a`'s markdown and numbers. */
export interface WrittenReport {
  a: string;
  b: string;
  markdown: string;
  json: unknown;
}

/**
 * The checks every markdown report passes (comparisons and studies alike): images resolve to
 * SVGs that parse, tables keep their width, every number is in report.json, the same command
 * gives the same report.json but for `timing`, hostile names are escaped, and `skewtune report`
 * re-renders the same markdown. Call inside a describe whose beforeAll writes the report.
 */
export function reportContract(written: () => WrittenReport): void {
  it('links images that resolve to SVG files that parse, and keeps every table row as wide as its header', () => {
    const { a, markdown } = written();
    expect(brokenImages(a, markdown)).toEqual([]);
    expect(raggedTableRows(markdown)).toEqual([]);
  });

  it('has every number of the markdown in report.json', () => {
    const { markdown, json } = written();
    expect(unexplainedNumbers(markdown, json)).toEqual([]);
  });

  it('gives byte-identical report.json for the same command, apart from the timing field', () => {
    const strip = (path: string) => {
      const { timing, ...rest } = JSON.parse(readFileSync(join(path, 'report.json'), 'utf8')) as Record<string, unknown>;
      expect(timing).toHaveProperty('seconds');
      return JSON.stringify(rest).replace(/"command":"[^"]*"/, '');
    };
    const { a, b } = written();
    expect(strip(b)).toBe(strip(a));
  });

  it('escapes class and column names so they cannot break a table or inject HTML', () => {
    const { markdown } = written();
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('a\\|b');
    expect(markdown).toContain('\\`tick\\`');
    const html = marked.parse(markdown, { async: false });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('re-renders the same markdown from report.json with `skewtune report`', async () => {
    const { a, markdown } = written();
    const result = await cli(['report', a]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(a, 'README.md'), 'utf8')).toBe(markdown);
  });
}
