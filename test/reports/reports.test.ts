import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.ts';
import { brokenImages, imageSources, raggedTableRows, unexplainedNumbers } from '../helpers/markdown.ts';
import { barChartsWithoutErrorBars, intervalsOutOfRange } from '../helpers/report-contract.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const reports = join(root, 'reports');
const committed = readdirSync(reports).filter((name) => name !== 'experiments' && statSync(join(reports, name)).isDirectory());
// The cheapest experiments, regenerated in about 15 s on a quiet machine: the rest take 30 s to 4 minutes each.
const cheap = ['learning-rate', 'gradient-descent'];

// The receipt's rows that name the machine or the checkout rather than the experiment.
const machineRows = ['commit', 'node', 'kernels', 'cpu'];
const machineKeys = ['commit', 'node', 'kernels', 'cpu', 'cores'];

/**
 * A report file with the receipt's machine and checkout masked (commit, Node, kernel backend,
 * CPU) in README.md's Reproduce table and in report.json, and runs of spaces and dashes (a table's
 * padding) shortened. Everything else must match byte for byte.
 */
function masked(path: string): string {
  let text = readFileSync(path, 'utf8');
  for (const row of machineRows) text = text.replace(new RegExp(`^\\| ${row} +\\| .* \\|$`, 'm'), `| ${row} | (masked) |`);
  for (const key of machineKeys) text = text.replace(new RegExp(`"${key}": ("[^"]*"|\\d+|null)`, 'g'), `"${key}": "(masked)"`);
  // A longer CPU name widens the Reproduce table's column: compare tables without their padding.
  return text.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---');
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

  it.each(committed)('%s keeps every interval inside its metric\'s range and draws error bars on every bar chart', (name) => {
    const dir = join(reports, name);
    expect(intervalsOutOfRange(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')))).toEqual([]);
    expect(barChartsWithoutErrorBars(dir)).toEqual([]);
  });

  it.each(committed)('%s carries the receipt: version, commit, Node, kernels, CPU, command, every seed and labelled data fingerprints', (name) => {
    const dir = join(reports, name);
    const markdown = readFileSync(join(dir, 'README.md'), 'utf8');
    const { provenance } = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      provenance: { command: string; seeds: unknown[]; data: Record<string, string>; receipt: Record<string, unknown> };
    };
    expect(Object.keys(provenance.receipt).sort()).toEqual(['commit', 'cores', 'cpu', 'kernels', 'node', 'skewtune']);
    expect(provenance.receipt.skewtune).toMatch(/^\d+\.\d+\.\d+/);
    expect(provenance.receipt.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(provenance.receipt.cores).toBeGreaterThan(0);
    expect(provenance.command).toBe(`npm run reports -- ${name}`);
    expect(Array.isArray(provenance.seeds)).toBe(true);
    const reproduce = markdown.slice(markdown.indexOf('\n## Reproduce\n'));
    for (const row of ['command', 'seeds', 'skewtune', 'commit', 'node', 'kernels', 'cpu']) expect(reproduce).toMatch(new RegExp(`\\n\\| ${row} +\\| \\S`));
    expect(reproduce).toContain(String(provenance.receipt.commit));
    // Data fingerprints say what they are of: the source and each split, never a bare dataset name.
    if (Object.keys(provenance.data).length > 0) {
      expect(Object.keys(provenance.data)).toEqual(expect.arrayContaining(['train split', 'validation split', 'test split']));
      expect(Object.keys(provenance.data).some((k) => k.startsWith('source ('))).toBe(true);
    }
    for (const [what, hash] of Object.entries(provenance.data)) expect(reproduce).toMatch(new RegExp(`\\| data: ${what.replace(/[()]/g, '\\$&')} +\\| ${hash} +\\|`));
  });

  it('imbalance: a compare of mnist lt:100 where every strategy\'s row states its optimizer steps, all equal, with each strategy\'s options written out', () => {
    const dir = join(reports, 'imbalance');
    const markdown = readFileSync(join(dir, 'README.md'), 'utf8');
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      dataset: { imbalance: string }; budget: { by: string; steps: number }; strategies: { name: string; steps: number; options: string }[];
    };
    expect(json.dataset.imbalance).toBe('lt:100');
    expect(json.budget.by).toBe('steps');
    expect(json.strategies.map((s) => s.name)).toEqual(expect.arrayContaining(['none', 'bootstrap', 'smote', 'focal', 'class-weight']));
    for (const s of json.strategies) {
      expect(s.steps, s.name).toBe(json.budget.steps);
      expect(markdown).toMatch(new RegExp(`\\n\\| ${s.name} +\\| +${s.steps} +\\| +\\d\\.\\d{3} \\(`));
    }
    expect(json.strategies.find((s) => s.name === 'focal')!.options).toBe('focal:gamma=2,alpha=inverse,prior=false');
    expect(markdown).toContain('focal:gamma=2,alpha=inverse,prior=false');
  });

  it('initialisation: the sigmoid finding agrees with the lecture (Xavier beats N(0, 1²) and N(0, 0.01²) on test accuracy) or says, with numbers, that it does not', () => {
    const json = JSON.parse(readFileSync(join(reports, 'initialisation', 'report.json'), 'utf8')) as {
      finding: string; summary: { activation: string; init: string; testAccuracy: { mean: number } | null }[];
    };
    const accuracy = (init: string) => json.summary.find((r) => r.activation === 'sigmoid' && r.init === init)?.testAccuracy?.mean ?? 0;
    const xavier = accuracy('Xavier normal');
    const agrees = xavier > accuracy('N(0, 1²)') && xavier > accuracy('N(0, 0.01²)');
    expect(json.finding).toContain(agrees ? 'Xavier normal beats both of the lecture\'s normals on test accuracy' : 'not Xavier normal');
    for (const init of ['Xavier normal', 'N(0, 1²)', 'N(0, 0.01²)']) expect(json.finding).toContain(accuracy(init).toFixed(3));
  });

  it(`match what \`npm run reports\` generates for the same seeds (${cheap.join(', ')} regenerated; the machine's receipt rows masked)`, async () => {
    const out = tempDir();
    await promisify(execFile)(process.execPath, ['--import', 'tsx', join(reports, 'generate.ts'), '--out', out, ...cheap], { cwd: root });
    for (const name of cheap) {
      const files = readdirSync(join(reports, name)).sort();
      expect(readdirSync(join(out, name)).sort()).toEqual(files);
      for (const file of files) expect(masked(join(out, name, file)), `${name}/${file}`).toBe(masked(join(reports, name, file)));
    }
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe(readFileSync(join(reports, 'README.md'), 'utf8'));
  }, 300_000);
});
