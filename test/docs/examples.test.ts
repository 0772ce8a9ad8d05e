import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { docPages, fenced, helpOptions, root, skewtuneCommands } from '../helpers/docs.ts';
import { tempDir } from '../helpers/files.ts';

const pages = docPages();
const commands = pages.flatMap(({ path, text }) => skewtuneCommands(text).map((args) => ({ page: path, args })));
const pageText = (path: string) => pages.find((p) => p.path === path)!.text;

/** The values given to one of `options` in `args`. */
const valuesOf = (args: string[], options: readonly string[]) => args.filter((_, i) => options.includes(args[i - 1] ?? ''));

/** What an example names as data, a config or a model: `--config`, `--input`, `--model` and `csv:` paths. */
const inputsOf = (args: string[]) => [...valuesOf(args, ['--config', '--input', '--model']), ...args.filter((a) => a.startsWith('csv:')).map((a) => a.slice(4))];

/**
 * The TypeScript examples that import the package, made to import this clone's sources instead:
 * what a user of the installed package runs, on the code under test.
 */
const programs = pages.flatMap(({ path, text }) => fenced(text, 'ts').filter((code) => /from 'skewtune(\/\w+)?'/.test(code)).map((code, i) => ({
  name: `${path} #${i + 1}`,
  code: code.replace(/from 'skewtune(\/\w+)?'/g, (_, entry: string | undefined) =>
    `from '${join(root, entry === '/study' ? 'src/study/index.ts' : entry === '/plugin' ? 'src/plugin.ts' : 'src/index.ts')}'`),
}))).filter((program, i, all) => all.findIndex((p) => p.code === program.code) === i); // the same example on two pages runs once

describe("the docs' examples, as a new user copies them", () => {
  it('are there: shell commands in the README and the command pages, TypeScript in the README and the library page', () => {
    expect(commands.filter((c) => c.page.startsWith('docs/commands/')).length).toBeGreaterThan(10);
    expect(commands.filter((c) => c.page === 'README.md').length).toBeGreaterThan(3);
    expect(programs.map((p) => p.name)).toEqual(expect.arrayContaining(['README.md #1', 'docs/library.md #2']));
  });

  it('name only files a fresh clone has (datasets/examples/), or that an example writes first', () => {
    const written = commands.flatMap(({ args }) => valuesOf(args, ['--save', '--output', '--out']));
    const made = (path: string) => written.some((w) => path === w || path.startsWith(`${w}/`));
    const missing = commands.flatMap(({ page, args }) => inputsOf(args).filter((p) => !made(p) && !existsSync(join(root, p))).map((p) => `${page}: ${p}`));
    expect(missing).toEqual([]);
  });

  it('use only commands and options that `--help` lists', async () => {
    const names = [...new Set(commands.map((c) => c.args[0]!))];
    const helps = await Promise.all(names.map((command) => cli([command, '--help'])));
    const known = new Map(names.map((command, i) => [command, helps[i]!.code === 0 ? helpOptions(helps[i]!.stdout) : []]));
    const unknown = commands.flatMap(({ page, args }) => args.slice(1).filter((a) => a.startsWith('--'))
      .map((a) => a.split('=')[0]!).filter((o) => !known.get(args[0]!)!.includes(o)).map((o) => `${page}: skewtune ${args[0]} ${o}`));
    expect(unknown).toEqual([]);
  }, 60_000);

  it('show the search config that datasets/examples/search.json holds', () => {
    const [shown] = fenced(pageText('docs/commands/search.md'), 'json');
    expect(JSON.parse(shown!)).toEqual(JSON.parse(readFileSync(join(root, 'datasets/examples/search.json'), 'utf8')));
  });

  it('train, save and predict run as written (outputs moved to a temporary directory)', async () => {
    const out = tempDir();
    const moved = (args: string[]) => args.map((a, i) => (['--save', '--output', '--model'].includes(args[i - 1] ?? '') ? join(out, a) : a));
    const [train, predict] = skewtuneCommands(pageText('docs/commands/predict.md')).filter((args) => args.includes('--save') || args[0] === 'predict').map(moved);
    expect(train![0]).toBe('train');
    const trained = await cli(train!);
    expect(trained.code, trained.stderr).toBe(0);
    const predicted = await cli(predict!);
    expect(predicted.code, predicted.stderr).toBe(0);
    const lines = readFileSync(join(out, 'scored.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,predicted,p_fault,p_ok');
    expect(lines).toHaveLength(13);
  }, 60_000);

  it.each(programs)('$name runs as written', async ({ code }) => {
    const file = join(tempDir(), 'example.mts');
    writeFileSync(file, code);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
    expect(stdout.length).toBeGreaterThan(0);
  }, 60_000);
});
