import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { seededRows } from '../model/fixtures.ts';

interface Settled { epoch: number; epochs: number; steps: number; capped: number }
interface Printed { budget: { by: string; steps: number; epochs: number; settle?: number }; strategies: { name: string; steps: number; settled?: Settled }[] }

describe('compare trains each strategy until it settles', () => {
  const dir = tempDir();
  const csv = writeText(dir, 'data.csv', seededRows(300, 3, 2, 4));
  const args = ['compare', '--dataset', `csv:${csv}`, '--strategies', 'none,smote:k=3', '--seeds', '2', '--hidden', '8', '--workers', '1', '--json'];

  it('by default: one shared cap of 200 epochs\' steps, each strategy stopped 10 epochs past its best or at the cap, said in --json and the report', async () => {
    const out = join(dir, 'settled');
    const run = await cli([...args, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as Printed;
    // 192 training rows in batches of 128: 2 steps an epoch, 400 in 200 epochs.
    expect(printed.budget).toEqual({ by: 'steps', steps: 400, epochs: 200, settle: 10 });
    for (const s of printed.strategies) {
      const settled = s.settled!;
      expect(settled.capped === 2 || settled.epochs - settled.epoch >= 9.5).toBe(true);
      expect(s.steps).toBeLessThanOrEqual(400);
    }
    const markdown = readFileSync(join(out, 'README.md'), 'utf8');
    expect(markdown).toContain('Every strategy trains until its validation macro-F1 settles');
    expect(markdown).toContain('All share one cap of 400 optimizer steps');
    expect(markdown).toContain('| best epoch (kept) | epochs trained |');
  });

  it('with --no-settle: every strategy takes exactly the steps of --epochs', async () => {
    const run = await cli([...args, '--no-settle', '--epochs', '3', '--out', join(dir, 'fixed')]);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as Printed;
    expect(printed.budget).toEqual({ by: 'steps', steps: 6, epochs: 3 });
    expect(printed.strategies.map((s) => [s.steps, s.settled])).toEqual([[6, undefined], [6, undefined]]);
  });
});
