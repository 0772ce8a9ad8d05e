import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrialRecord } from '../../src/search/trial.ts';
import { killableCli } from '../helpers/cli.ts';
import { killAll, skewtune } from '../helpers/processes.ts';

const root = new URL('../..', import.meta.url).pathname;
const small = join(root, 'test/cli/fixtures/small-search.json');
const temp = () => mkdtempSync(join(tmpdir(), 'search-'));

afterAll(killAll);


const trials = (dir: string): TrialRecord[] =>
  readFileSync(join(dir, 'trials.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrialRecord);
const byPosition = (ts: TrialRecord[]) => [...ts].sort((a, b) => a.round - b.round || a.index - b.index);
const results = (ts: TrialRecord[]) => byPosition(ts).map(({ round, index, seed, params, status, score, last, history }) =>
  ({ round, index, seed, params, status, score, last, scores: history.map((s) => s.score) }));

describe('skewtune search rejects bad settings with exit code 2 and a line naming the field', () => {
  const config = (json: unknown) => { const file = join(temp(), 'search.json'); writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json)); return file; };
  it.concurrent.each([
    [['--rounds', '0'], /option '--rounds <n>' argument '0' is invalid/],
    [['--trials', '0'], /option '--trials <n>' argument '0' is invalid/],
    [['--workers', '0'], /option '--workers <n>' argument '0' is invalid/],
    [['--config', config('{ "rounds": 3,')], /search\.json: not JSON/],
    [['--config', config({ params: { optimizer: { kind: 'choice', values: ['adam', 'nadam'] } } })], /search\.json: params\.optimizer\.values\[1\]: unknown optimizer "nadam"/],
    [['--config', config({ params: { lr: { kind: 'uniform', low: 0.1, high: 0.01 } } })], /search\.json: params\.lr: low <= high must hold, but got \(low=0\.1, high=0\.01\)/],
    [['--config', config({ params: { l2: { kind: 'loguniform', low: 0, high: 0.01 } } })], /search\.json: params\.l2: loguniform needs low > 0/],
    [['--config', config({ params: { hidden: { kind: 'choice', values: [] } } })], /search\.json: params\.hidden\.values: a choice needs at least one value/],
    [['--config', config({ params: { lr: { kind: 'normal' } } })], /search\.json: params\.lr\.kind: unknown kind "normal"/],
    [['--config', config({ params: { momentum: { kind: 'uniform', low: 0, high: 1 } } })], /search\.json: params\.momentum: unknown hyperparameter "momentum"/],
    [['--config', config({ rounds: 0 })], /search\.json: rounds: Too small: expected number to be >=1, but got 0/],
  ])('%j', async (args, message) => {
    const out = join(temp(), 'study');
    const run = await killableCli(['search', '--dataset', 'mnist', '--out', out, ...args]);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('skewtune search on mnist', () => {
  it('runs the issue\'s search: 36 trials, round 3 inside round 1 and narrower, test accuracy >= 0.92', async () => {
    const out = join(temp(), 'study');
    const run = await killableCli(['search', '--dataset', 'mnist', '--rounds', '3', '--trials', '12', '--epochs', '2', '--seed', '7', '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['best', 'test', 'trials', 'failed', 'rounds', 'out']));
    expect(Object.keys(summary.best)).toEqual(expect.arrayContaining(['params', 'score']));
    expect(trials(out)).toHaveLength(36);
    expect(summary.trials).toBe(36);
    const [first, , third] = summary.rounds as { ranges: Record<string, { kind: string; low?: number; high?: number }> }[];
    const numeric = Object.entries(first!.ranges).filter(([, hp]) => hp.kind !== 'choice');
    for (const [name, hp] of numeric) {
      expect(third!.ranges[name]!.low).toBeGreaterThanOrEqual(hp.low!);
      expect(third!.ranges[name]!.high).toBeLessThanOrEqual(hp.high!);
    }
    expect(numeric.some(([name, hp]) => third!.ranges[name]!.high! - third!.ranges[name]!.low! < hp.high! - hp.low!)).toBe(true);
    expect(summary.test.accuracy).toBeGreaterThanOrEqual(0.92);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/best epoch's validation accuracy/);
  }, 400_000);

  const smallSearch = ['search', '--config', small, '--rounds', '3', '--trials', '12', '--seed', '7', '--json'];

  it('records the same parameters and scores with 1 worker and 2, and a run killed in round 2 resumes to the same study', async () => {
    const [one, two, killed] = [temp(), temp(), temp()].map((d) => join(d, 'study'));
    const runOne = await killableCli([...smallSearch, '--workers', '1', '--out', one!]);
    const runTwo = await killableCli([...smallSearch, '--workers', '2', '--out', two!]);
    expect([runOne.code, runTwo.code], runOne.stderr + runTwo.stderr).toEqual([0, 0]);
    expect(results(trials(two!))).toEqual(results(trials(one!)));

    // Killed as it prints the end of its first round-2 trial, which it journals first (without --json, it prints
    // a line per trial).
    const firstRun = skewtune([...smallSearch.filter((a) => a !== '--json'), '--workers', '2', '--out', killed!]);
    await firstRun.waitFor(/^\[\d+\/36\] round 2 trial \d+: /m);
    firstRun.signal('SIGKILL');
    expect(await firstRun.exited).toBeNull();
    const before = trials(killed!);
    expect(before.some((t) => t.round === 2)).toBe(true);
    expect(before.length).toBeLessThan(24);
    const resumed = await killableCli(['search', '--out', killed!, '--resume', '--workers', '2', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = trials(killed!);
    expect(after).toHaveLength(36);
    expect(new Set(after.map((t) => `${t.round}/${t.index}`)).size).toBe(36);
    expect(results(after)).toEqual(results(trials(two!)));
    expect(JSON.parse(resumed.stdout).best).toEqual(JSON.parse(runTwo.stdout).best);
  }, 400_000);

  it('on Ctrl-C stops dispatching, journals the running trials and prints the resume command', async () => {
    const out = join(temp(), 'study');
    // Interrupted as it prints the end of its first trial, which it journals first.
    const run = skewtune([...smallSearch.filter((a) => a !== '--json'), '--workers', '2', '--out', out]);
    await run.waitFor(/^\[1\/36\] round 1 trial \d+: /m);
    run.signal('SIGINT');
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/stopping: no new trials/);
    expect(run.stderr()).toContain(`Continue with: skewtune search --out ${out} --resume`);
    const recorded = trials(out);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThan(12);
    expect(new Set(recorded.map((t) => t.index)).size).toBe(recorded.length);
  }, 120_000);

  it('records trials that diverge to NaN as failed and still completes', async () => {
    const file = join(temp(), 'diverge.json');
    const config = JSON.parse(readFileSync(small, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...config, params: {
      ...config.params,
      // SGD at lr 1 with an L2 of 100 scales the weights by ~-99 a step: the loss is NaN within an epoch.
      lr: { kind: 'choice', values: [1, 0.01] }, l2: { kind: 'choice', values: [100, 0] }, optimizer: { kind: 'choice', values: ['sgd'] },
    } }));
    const run = await killableCli(['search', '--config', file, '--rounds', '1', '--trials', '4', '--seed', '3', '--out', join(temp(), 'study'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    const failed = trials(summary.out).filter((t) => t.status === 'failed');
    expect(failed.length).toBe(summary.failed);
    expect(failed.length).toBeGreaterThan(0);
    for (const t of failed) expect(t.error).toMatch(/training diverged: loss became NaN/);
    expect(summary.best.params.l2).toBe(0);
  }, 120_000);
});
