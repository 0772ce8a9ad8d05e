import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.ts';
import { brokenImages, imageSources, raggedTableRows, unexplainedNumbers } from '../helpers/markdown.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const reports = join(root, 'reports');
const committed = readdirSync(reports).filter((name) => name !== 'experiments' && statSync(join(reports, name)).isDirectory());
// The cheapest experiments, regenerated in about 20 s: the rest take 15 s to 45 s each.
const cheap = ['learning-rate', 'batchnorm'];

/**
 * A report file with the lines that name the machine rather than the experiment masked: the
 * Node version in README.md's Reproduce table and in report.json's provenance. Everything else
 * must match byte for byte.
 */
function masked(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/^\| node +\| v[\d.]+ +\|$/m, '| node | (masked) |')
    .replace(/"node": "v[\d.]+"/, '"node": "(masked)"');
}

describe('the committed reports', () => {
  it('are one per experiment of `npm run reports`, each listed in reports/README.md', () => {
    const experiments = readdirSync(join(reports, 'experiments')).flatMap((file) =>
      [...readFileSync(join(reports, 'experiments', file), 'utf8').matchAll(/^ {2}name: '([\w-]+)',$/gm)].map((m) => m[1]!));
    expect(committed.sort()).toEqual(experiments.sort());
    const index = readFileSync(join(reports, 'README.md'), 'utf8');
    for (const name of committed) expect(index).toContain(`- [${name}](${name}/README.md)`);
  });

  it.each(committed)('%s states its finding in one sentence whose numbers are in report.json, links SVGs that parse and ends with Reproduce', (name) => {
    const dir = join(reports, name);
    const markdown = readFileSync(join(dir, 'README.md'), 'utf8');
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { finding: string };
    const finding = /^\*\*Finding\.\*\* (.+)$/m.exec(markdown)?.[1];
    expect(finding).toBe(json.finding);
    // One sentence: it ends with a full stop and no full stop inside it ends a sentence.
    expect(finding).toMatch(/[^.]\.$/);
    expect(finding!.slice(0, -1)).not.toMatch(/\.\s+[A-Z]/);
    expect(unexplainedNumbers(finding!, json)).toEqual([]);
    expect(imageSources(markdown).length).toBeGreaterThan(0);
    expect(brokenImages(dir, markdown)).toEqual([]);
    expect(raggedTableRows(markdown)).toEqual([]);
    expect(markdown).toMatch(/\n## Reproduce\n\n\| what +\| value +\|\n[^]*\| command +\| `npm run reports -- [\w-]+` +\|\n\| seeds +\|/);
  });

  it(`match what \`npm run reports\` generates for the same seeds (${cheap.join(', ')} regenerated; Node's version masked)`, async () => {
    const out = tempDir();
    await promisify(execFile)(process.execPath, ['--import', 'tsx', join(reports, 'generate.ts'), '--out', out, ...cheap], { cwd: root });
    for (const name of cheap) {
      const files = readdirSync(join(reports, name)).sort();
      expect(readdirSync(join(out, name)).sort()).toEqual(files);
      for (const file of files) expect(masked(join(out, name, file)), `${name}/${file}`).toBe(masked(join(reports, name, file)));
    }
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe(readFileSync(join(reports, 'README.md'), 'utf8'));
  }, 120_000);
});
