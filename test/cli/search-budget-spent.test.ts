import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killableCli } from '../helpers/cli.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'budget-spent-'));

describe('search --budget spends the whole budget', () => {
  it('ends within 5% of it, or earlier only when the networks stopped on their own and more no longer helped; every second accounted', async () => {
    const dir = temp();
    const config = join(dir, 'tiny.json');
    writeFileSync(config, JSON.stringify({
      params: { lr: { kind: 'loguniform', low: 1e-3, high: 1e-2 }, hidden: { kind: 'choice', values: [[16], [32]] }, optimizer: { kind: 'choice', values: ['adam'] } },
    }));
    const budget = 25;
    const started = performance.now();
    const run = await killableCli(['search', '--dataset', 'mnist', '--config', config, '--budget', `${budget}s`, '--trials', '4', '--epochs', '2',
      '--workers', '2', '--out', join(dir, 'study'), '--json']);
    const wall = (performance.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    const s = out.seconds;
    // The parts sum to the whole, and the whole is the run's wall time but for the process's start and exit.
    expect(s.load + s.trials + s.recheck + s.final + s.report + s.idle).toBeCloseTo(s.total, 5);
    expect(s.total).toBeLessThanOrEqual(wall);
    expect(s.total).toBeGreaterThan(wall / 2);
    expect(s.cpu.final).toBeGreaterThan(0);
    const members: { epoch: number; epochs: number; cap: number; timeUp: boolean }[] = out.ensemble.members;
    expect(out.budget.final, JSON.stringify({ seconds: s, members })).toBe(out.ensemble.ended);
    if (out.ensemble.ended === 'budget') {
      expect(s.total).toBeGreaterThanOrEqual(0.95 * budget);
      expect(s.total, JSON.stringify({ seconds: s, members })).toBeLessThanOrEqual(1.05 * budget);
    } else {
      expect(out.ensemble.ended).toBe('converged');
      expect(s.total).toBeLessThan(budget);
      // Every network stopped on its own: none by the time, none at its cap while still improving.
      expect(members.every((m) => !m.timeUp && !(m.epochs === m.cap && m.epoch === m.epochs))).toBe(true);
      // More networks than asked for were tried before giving up.
      expect(members.length).toBeGreaterThan(3);
    }
    const readme = readFileSync(join(dir, 'study', 'README.md'), 'utf8');
    expect(readme).toMatch(/Every second until this report: data [\d.]+ s, trials [\d.]+ s, recheck [\d.]+ s, final training [\d.]+ s \([\d.]+ s of CPU on all threads\), idle [\d.]+ s; [\d.]+ s in all\./);
    expect(readme).toMatch(out.ensemble.ended === 'budget' ? /went on to the budget's end/ : /more networks no longer helped/);
  }, 120_000);
});
