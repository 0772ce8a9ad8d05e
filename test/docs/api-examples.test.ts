import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/docs.ts';
import { tempDir } from '../helpers/files.ts';
import { examplesOf, publicExports } from '../helpers/tsdoc.ts';

const entries = ['src/index.ts'];
const exported = entries.flatMap((entry) => publicExports(entry).map((e) => ({ ...e, entry })));

/** Examples that cannot run here, and why. */
const notRun: Record<string, string> = {
  workerExecutor: "its objective is a module of the user's own, loaded by worker threads",
};

/** What some examples take as given besides the shared context (./example-context.ts). */
const setup: Record<string, string> = {
  renderComparison: `const report = JSON.parse(readFileSync('${root}reports/imbalance/report.json', 'utf8'));`,
  renderStudy: `const report = JSON.parse(readFileSync('${root}reports/search-study/report.json', 'utf8'));`,
};

/** An example line `EXPRESSION; // VALUE` whose value is a number, a boolean or an array of numbers: checked, as a doctest would. */
const claimed = /^(?!const |let )(.+?);\s*\/\/\s*(-?\d+(?:\.\d+)?|true|false|\[[-\d.,\s[\]]*\])\s*$/;

/** One program running every example, each in its own scope, printing the failures as JSON. */
function program(): string {
  const values = exported.filter((e) => !e.typeOnly).map((e) => e.name);
  const blocks = exported.filter((e) => !e.typeOnly && e.doc && !(e.name in notRun)).flatMap((e) => examplesOf(e.doc!).map((code) => {
    const lines = code.split('\n').map((line) => line.replace(claimed, (_, expression: string, value: string) => `check(${expression}, ${value}, ${JSON.stringify(line)});`));
    const body = [setup[e.name] ?? '', ...lines].join('\n');
    const run = e.name === 'InputError' ? `try {\n${body}\n} catch (error) { if (!(error instanceof InputError)) throw error; }` : body;
    return `await (async () => {\n${run}\n})().catch((error) => failures.push(${JSON.stringify(`${e.name} (${e.file})`)} + ': ' + String(error?.message ?? error)));`;
  }));
  return [
    "import { readFileSync } from 'node:fs';",
    `import * as api from '${root}src/index.ts';`,
    `import * as context from '${root}test/docs/example-context.ts';`,
    `const { ${values.join(', ')} } = api;`,
    'const { source, splits, ds, data, config, model, done, parts, space, objective, options, markdown, json, svg } = context;',
    'const failures = [];',
    'const check = (actual, expected, line) => {',
    '  const same = (a, b) => (Array.isArray(b) ? b.length === a.length && b.every((x, i) => same(a[i], x)) : typeof b === "number" ? Math.abs(a - b) < 1e-9 : a === b);',
    '  if (!same(Array.isArray(expected) && ArrayBuffer.isView(actual) ? Array.from(actual) : actual, expected)) failures.push(`${line}: got ${JSON.stringify(actual)}`);',
    '};',
    ...blocks,
    // Subscriptions started by an example end on later turns of the event loop.
    'await new Promise((resolve) => setTimeout(resolve, 1000));',
    'console.log(JSON.stringify(failures));',
  ].join('\n');
}

describe("the public API's documentation", () => {
  it('gives every export of the public entry a TSDoc comment, and every function and value an @example', () => {
    expect(exported.length).toBeGreaterThan(50);
    expect(exported.filter((e) => !e.doc).map((e) => `${e.name} (${e.file})`)).toEqual([]);
    expect(exported.filter((e) => !e.typeOnly && examplesOf(e.doc ?? '').length === 0).map((e) => `${e.name} (${e.file})`)).toEqual([]);
  });

  it('runs every @example of the public entry, and each value an example claims is what the code gives', async () => {
    const dir = tempDir();
    const file = join(dir, 'examples.mts');
    writeFileSync(file, program());
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href, file], { cwd: dir, encoding: 'utf8', maxBuffer: 16 << 20 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual([]);
  }, 120_000);
});
