import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The `npx skewtune …` commands of the README's shell blocks, continuation lines joined, comments cut. */
function readmeCommands(): string[][] {
  const blocks = [...readme.matchAll(/```sh\n([^]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, ''));
  return blocks.flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx skewtune '))
    .map((line) => line.split(/\s+/).slice(2));
}

describe("the README's examples, as a new user copies them", () => {
  it('name only files a fresh clone has (the example data under datasets/examples/)', () => {
    const paths = readmeCommands().flatMap((args) => args.flatMap((a, i) =>
      ['--config', '--input', '--model'].includes(args[i - 1] ?? '') || a.startsWith('csv:') ? [a.replace(/^csv:/, '')] : []));
    // Files the examples themselves write first (a model, then the rows it scores) are made by the one before.
    const made = new Set(readmeCommands().flatMap((args) => args.flatMap((a, i) => (['--save', '--output'].includes(args[i - 1] ?? '') ? [a] : []))));
    expect(paths.length).toBeGreaterThan(3);
    for (const path of paths) expect(made.has(path) || existsSync(join(root, path)), path).toBe(true);
  });

  it('show the search config that datasets/examples/search.json holds', () => {
    const shown = /```json\n([^]*?)```/.exec(readme.slice(readme.indexOf('### `skewtune search`')))![1]!;
    expect(JSON.parse(shown)).toEqual(JSON.parse(readFileSync(join(root, 'datasets/examples/search.json'), 'utf8')));
  });

  it('train, save and predict run as written (outputs moved to a temporary directory)', async () => {
    const out = tempDir();
    const moved = (args: string[]) => args.map((a, i) => (['--save', '--output', '--model'].includes(args[i - 1] ?? '') ? join(out, a) : a));
    const [train, predict] = readmeCommands().filter((args) => args.includes('--save') || args[0] === 'predict').map(moved);
    expect(train![0]).toBe('train');
    const trained = await cli(train!);
    expect(trained.code, trained.stderr).toBe(0);
    const predicted = await cli(predict!);
    expect(predicted.code, predicted.stderr).toBe(0);
    const lines = readFileSync(join(out, 'scored.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,predicted,p_fault,p_ok');
    expect(lines).toHaveLength(13);
  }, 60_000);
});
