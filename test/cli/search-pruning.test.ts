import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../../src/search/trial.ts';
import { killableCli } from '../helpers/cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const small = join(root, 'test/cli/fixtures/small-search.json');
const temp = () => mkdtempSync(join(tmpdir(), 'pruning-'));


const lines = (dir: string, file: string): TrialRecord[] =>
  existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as TrialRecord) : [];
const outcome = (ts: TrialRecord[]) => [...ts].sort((a, b) => a.round - b.round || a.index - b.index)
  .map(({ round, index, status, score, epochs, history }) => ({ round, index, status, score, epochs, scores: history.map((s) => s.score) }));

describe('skewtune search --pruner: bad input gets exit code 2 and one line', () => {
  it.concurrent.each([
    [['--pruner', 'hyperband'], '--pruner: unknown pruner "hyperband"; expected one of halving, median, none'],
    [['--min-epochs', '5', '--epochs', '3'], '--min-epochs <= --epochs must hold, but got (min-epochs=5, epochs=3)'],
    [['--reduction', '1.5'], '--reduction must be >= 2, but got 1.5'],
    [['--budget', '5 minutes'], '--budget: expected a duration such as 45s, 30m or 2h, but got "5 minutes"'],
    [['--budget', '0s'], '--budget: expected a duration such as 45s, 30m or 2h, but got "0s"'],
    [['--budget', '1000h'], '--budget: must be at most 2147483 s (about 596 hours), but got "1000h"'],
    [['--pruner', 'halving', '--epochs', '1'], '--pruner halving needs --epochs >= 2 (a rung before the last), but got 1'],
  ])('%j', async (args, message) => {
    const out = join(temp(), 'study');
    const run = await killableCli(['search', '--config', small, ...args, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`skewtune: ${message}`]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('skewtune search with successive halving', () => {
  const halving = ['search', '--config', small, '--rounds', '2', '--trials', '9', '--epochs', '9', '--pruner', 'halving', '--recheck', '3', '--seed', '5', '--json'];

  it('prunes the same trials with the same scores on 1 and 2 workers; killed mid-rung and resumed, ends the same having trained no epoch twice', async () => {
    const [one, two, killed] = [temp(), temp(), temp()].map((d) => join(d, 'study'));
    const runOne = await killableCli([...halving, '--workers', '1', '--out', one!]);
    const runTwo = await killableCli([...halving, '--workers', '2', '--out', two!]);
    expect([runOne.code, runTwo.code], runOne.stderr + runTwo.stderr).toEqual([0, 0]);
    expect(outcome(lines(two!, 'trials.jsonl'))).toEqual(outcome(lines(one!, 'trials.jsonl')));
    const summary = JSON.parse(runOne.stdout);
    // Each round: 9 trials × 1 epoch, the best 3 to 3 epochs, the best of those to 9: 21 epochs where 81 would train without pruning.
    expect([summary.trials, summary.pruned, summary.epochs]).toEqual([18, 16, 42]);
    expect(summary.best.epochs).toBeGreaterThan(0);

    // Killed once round 1's second rung has begun: some trials sit paused at epoch 3 with their checkpoints.
    const first = await killableCli([...halving, '--workers', '2', '--out', killed!], (kill) => {
      // The file is read while the search appends to it: a line caught half-written is not there yet.
      const paused = () => { try { return lines(killed!, 'rungs.jsonl').some((t) => t.epochs === 3); } catch { return false; } };
      const poll = setInterval(() => {
        if (paused()) {
          clearInterval(poll);
          kill();
        }
      }, 5);
    });
    expect(first.code).toBeNull();
    const resumed = await killableCli(['search', '--out', killed!, '--resume', '--workers', '2', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = lines(killed!, 'trials.jsonl');
    expect(outcome(after)).toEqual(outcome(lines(two!, 'trials.jsonl')));
    for (const t of after) {
      // The runs of a trial, across both processes, cover its epochs once each, in order.
      const epochs = t.trained!.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
      expect(epochs).toEqual(Array.from({ length: t.history.length }, (_, i) => i + 1));
    }
    expect(after.some((t) => t.trained!.length > 1)).toBe(true);
    expect(JSON.parse(resumed.stdout).test).toEqual(JSON.parse(runTwo.stdout).test);
  }, 400_000);

  it('ends when --budget is spent, then retrains and reports as usual, saying how the budget went', async () => {
    const out = join(temp(), 'study');
    // 1,000 rounds (the most --rounds takes) of 9 trials: no machine ends them in 4 s, so the budget ends the search.
    // However slow the machine, the first two trials are running when it ends, and finish.
    const run = await killableCli(['search', '--config', small, '--rounds', '1000', '--trials', '9', '--budget', '4s', '--workers', '2', '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.budget).toMatchObject({ limit: '4s', ended: true });
    expect(summary.budget.trials).toBe(summary.trials);
    // Where the time went; the budget covered all of it, the final training included.
    expect(Object.keys(summary.seconds)).toEqual(['load', 'trials', 'recheck', 'final', 'report', 'idle', 'total', 'cpu']);
    expect(summary.trials).toBeLessThan(1000 * 9);
    expect(summary.test.accuracy).toBeGreaterThan(0.5);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/The budget of 4s ended the search: \d+ trials ended, \d+ of them pruned and \d+ failed, \d+ epochs trained\./);
  }, 200_000);

  it('with --budget and no --rounds, plans rounds until the budget is spent; an explicit --rounds still caps it; --resume goes on', async () => {
    const quick = ['search', '--config', small, '--trials', '2', '--epochs', '1', '--recheck', '0', '--workers', '1', '--json'];
    const [open, capped] = [temp(), temp()].map((d) => join(d, 'study'));
    // Capped at 2 rounds, with a budget no machine spends on them.
    const started = performance.now();
    const runCapped = await killableCli([...quick, '--rounds', '2', '--budget', '10m', '--out', capped!]);
    expect(runCapped.code, runCapped.stderr).toBe(0);
    const b = JSON.parse(runCapped.stdout);
    expect(b.budget).toMatchObject({ limit: '10m', ended: false, rounds: 2 });
    expect(b.rounds).toHaveLength(2);
    // Uncapped, with a budget sized on this machine: twice the whole capped run (its start, the loading of the data,
    // two rounds, the final training), and 4 s more. Rounds of two one-epoch trials on 800 rows take a fraction of a
    // second, so it holds many more rounds than the default 4 however fast or loaded the machine.
    const budget = `${Math.ceil(2 * (performance.now() - started) / 1000) + 4}s`;
    const runOpen = await killableCli([...quick, '--budget', budget, '--out', open!]);
    expect(runOpen.code, runOpen.stderr).toBe(0);
    const a = JSON.parse(runOpen.stdout);
    expect(a.budget).toMatchObject({ limit: budget, ended: true, rounds: a.rounds.length });
    expect(a.rounds.length).toBeGreaterThan(4);
    expect(a.rounds.map((r: { round: number }) => r.round)).toEqual(Array.from({ length: a.rounds.length }, (_, i) => i + 1));
    // Resumed, the study replays the rounds it recorded and, with a fresh budget, goes on past them.
    const resumed = await killableCli(['search', '--out', open!, '--resume', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).rounds.length).toBeGreaterThanOrEqual(a.rounds.length);
  }, 400_000);

  it('finds a best validation score within 0.005 of no pruning, training at most 40% of the epochs', async () => {
    const round = ['search', '--config', small, '--rounds', '1', '--trials', '12', '--epochs', '9', '--recheck', '0', '--final-epochs', '1', '--seed', '7', '--json'];
    const [none, halved] = await Promise.all(['none', 'halving'].map((pruner) => killableCli([...round, '--pruner', pruner, '--workers', '1', '--out', join(temp(), 'study')])));
    expect([none!.code, halved!.code], none!.stderr + halved!.stderr).toEqual([0, 0]);
    const [a, b] = [JSON.parse(none!.stdout), JSON.parse(halved!.stdout)];
    expect(a.epochs).toBe(12 * 9);
    expect(b.epochs).toBeLessThanOrEqual(0.4 * a.epochs);
    expect(Math.abs(b.best.score - a.best.score)).toBeLessThanOrEqual(0.005);
  }, 200_000);

  it('with default settings and a short budget, ends above `npm start`\'s test accuracy and says how the budget went', async () => {
    const out = join(temp(), 'study');
    const start = await killableCli(['train', '--dataset', 'mnist', '--hidden', '100,100', '--optimizer', 'adam', '--epochs', '5', '--seed', '1', '--json']);
    expect(start.code, start.stderr).toBe(0);
    // 30 s, or 15 times `npm start`'s training on a slower machine: what a budget buys depends on the machine,
    // and a budget that ends before the third trial starts leaves only two 1-epoch trials to choose from (0.91).
    const budget = `${Math.max(30, Math.ceil(15 * JSON.parse(start.stdout).seconds))}s`;
    const run = await killableCli(['search', '--dataset', 'mnist', '--budget', budget, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const baseline = JSON.parse(start.stdout).test.accuracy as number;
    const line = /test accuracy (\d\.\d+)/.exec(run.stdout)!;
    expect(Number(line[1])).toBeGreaterThan(baseline);
    expect(run.stdout).toMatch(new RegExp(`(the budget of ${budget} ended the search after \\d+ s|within its budget of ${budget}): \\d+ trials ended \\(\\d+ pruned, \\d+ failed\\), \\d+ epochs trained`));
  }, 400_000);
});
