import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/report/chart.ts';
import { buildStudyReport } from '../../src/study/report.ts';
import type { SearchSettings } from '../../src/study/settings.ts';
import { renderStudy, type Space, type TrialRecord } from '../../src/internal.ts';
import { raggedTableRows } from '../helpers/markdown.ts';

const space: Space = {
  lr: { kind: 'loguniform', low: 1e-4, high: 0.1 },
  opt: { kind: 'choice', values: ['sgd', 'adam', 'rmsprop'] },
  dropout: { kind: 'uniform', low: 0, high: 0.5 },
};
const settings: SearchSettings = {
  dataset: 'csv:a.csv', label: 'label', rounds: 17, trials: 1, epochs: 2, finalEpochs: 6, ensemble: 1, recheck: 0, metric: 'accuracy', seed: 5, space,
  sampler: 'narrowing', narrowing: { top: 0.5, minTop: 2, margin: 0.1, minTried: 2, within: 'tpe' }, pruner: 'none', minEpochs: 1, reduction: 3,
};
const dataset = { name: 'csv:a.csv', hash: 'sha256:0', fingerprints: { 'train split': 'sha256:0' }, imbalance: null, classes: ['x', 'y'], sizes: { train: 80, trial: 80, validation: 20, test: 25 } };

// lr narrows at round 4 and moves at round 12; sgd is dropped at round 9; dropout never changes.
function rangesAt(round: number): Space {
  const lr = round < 4 ? space.lr! : round < 12 ? { kind: 'loguniform' as const, low: 1e-3, high: 0.01 } : { kind: 'loguniform' as const, low: 2e-3, high: 0.02 };
  const opt = round < 9 ? space.opt! : { kind: 'choice' as const, values: ['adam', 'rmsprop'] };
  return { lr, opt, dropout: space.dropout! };
}

function studyOf(count: number) {
  const rounds = Array.from({ length: count }, (_, i) => ({ round: i + 1, ranges: rangesAt(i + 1) }));
  const trials: TrialRecord[] = rounds.map(({ round }) => ({
    round, index: 0, seed: round, params: { lr: 0.005, opt: 'adam', dropout: 0.1 }, status: 'complete', score: 0.5 + round / 100, last: 0.5, history: [{ epoch: 1, score: 0.5 + round / 100 }], seconds: 1,
  }));
  return buildStudyReport({ command: 'skewtune search', settings: { ...settings, rounds: count }, dataset, trials, rounds, sampler: { name: 'narrowing', options: settings.narrowing } });
}

describe('the narrowing of a long study in the report', () => {
  it('shows 17 rounds as a chart of ranges and a table of the rounds where each range changed, not 17 columns', async () => {
    const { markdown, charts } = renderStudy(studyOf(17));
    expect(markdown).toContain('| hyperparameter | round 1');
    expect(markdown).not.toMatch(/\| round 2 +\|/);
    const narrowing = markdown.slice(markdown.indexOf('## How the ranges narrowed'));
    const row = (name: string) => narrowing.split('\n').find((l) => l.startsWith(`| ${name} `))!;
    expect(row('lr')).toContain('round 4: narrowed to 1.00e-3..0.0100 (log); round 12: moved to 2.00e-3..0.0200 (log)');
    expect(row('opt')).toContain('round 9: dropped sgd');
    expect(row('opt')).not.toContain('round 4');
    expect(row('dropout')).toContain('unchanged');
    expect(raggedTableRows(markdown)).toEqual([]);
    expect(markdown).toContain('![each hyperparameter\'s range in each round](ranges.svg)');
    const svg = await renderSvg(charts['ranges.svg']!);
    expect(svg.startsWith('<svg')).toBe(true);
    // A band a round for each numeric range (lr, dropout), a square a value kept for the choice: 8 rounds × 3, then 9 × 2.
    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(2 * 17);
    expect(svg.match(/aria-roledescription="square"/g)).toHaveLength(8 * 3 + 9 * 2);
    for (const name of ['lr', 'opt', 'dropout']) expect(svg).toContain(`>${name}<`);
  });

  it('keeps a short study\'s rounds side by side, with no chart of ranges', () => {
    const { markdown, charts } = renderStudy(studyOf(3));
    expect(markdown).toMatch(/\| hyperparameter \| round 1 +\| round 2 +\| round 3 +\|/);
    expect(charts).not.toHaveProperty(['ranges.svg']);
  });
});
