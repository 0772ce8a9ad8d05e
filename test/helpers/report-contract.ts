import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { expect, it } from 'vitest';
import { metricBounds } from '../../src/internal.ts';
import { cli } from './cli.ts';
import { brokenImages, raggedTableRows, unexplainedNumbers } from './markdown.ts';

/**
 * Intervals of report.json that leave their metric's range, as "path: low..high outside [a, b]".
 * An interval is an object with numeric `low` and `high` under a metric's name (or with a
 * `metric` field naming it); under `versusNone` or `versus…` it is a difference of two such
 * metrics, whose range is [a − b, b − a].
 */
export function intervalsOutOfRange(json: unknown): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, String(i)]));
    if (value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (typeof o.low === 'number' && typeof o.high === 'number') {
      const name = typeof o.metric === 'string' ? o.metric : path.at(-1)!;
      const range = metricBounds(name);
      const difference = path.some((p) => p.startsWith('versus'));
      if (range) {
        const [a, b] = difference ? [range[0] - range[1], range[1] - range[0]] : range;
        if (!(a <= o.low && o.low <= o.high && o.high <= b)) problems.push(`${path.join('.')}: ${o.low}..${o.high} outside [${a}, ${b}]`);
      }
    }
    for (const [key, v] of Object.entries(o)) visit(v, [...path, key]);
  };
  visit(json, []);
  return problems;
}

/** The SVG charts in `dir` that draw bars but no error bars (vega marks each bar and error bar by its ARIA role). */
export function barChartsWithoutErrorBars(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.svg')).filter((f) => {
    const svg = readFileSync(join(dir, f), 'utf8');
    return svg.includes('aria-roledescription="bar"') && !svg.includes('aria-roledescription="errorbar"');
  });
}

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

  it('keeps every interval of report.json inside its metric\'s range, and draws error bars on every bar chart', () => {
    const { a, json } = written();
    expect(intervalsOutOfRange(json)).toEqual([]);
    expect(barChartsWithoutErrorBars(a)).toEqual([]);
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
