import type { TopLevelSpec } from 'vega-lite';
import { canonical, isLog, type Hyperparameter } from '../search/space.ts';
import { compact, valueText } from './format.ts';
import type { StudyRound } from './study-types.ts';
import { table } from './table.ts';

/** Rounds a report shows side by side, a column each; past them, a chart of the ranges and a table of the changes. */
export const roundsSideBySide = 5;

/**
 * A range as a table shows it: `1.00e-6..0.100 (log)`, `1..10 (integers)`, `sgd, adam`.
 *
 * @example
 * rangeText({ kind: 'int', low: 1, high: 10 }); // '1..10 (integers)'
 */
export function rangeText(hp: Hyperparameter): string {
  if (hp.kind === 'choice') return hp.values.map(valueText).join(', ');
  return `${compact(hp.low)}..${compact(hp.high)}${hp.kind === 'int' ? ' (integers)' : ''}${isLog(hp) ? ' (log)' : ''}`;
}

type Round = Pick<StudyRound, 'round' | 'ranges' | 'explanation'>;

/** One hyperparameter's ranges against round: a band from low to high (on a log axis for a log range), or a mark per value kept. */
function panel(name: string, rounds: readonly Round[]): Record<string, unknown> {
  const first = rounds[0]!.ranges[name]!;
  const round = { field: 'round', type: 'ordinal', axis: { labelAngle: 0 } } as const;
  if (first.kind === 'choice') {
    const values = rounds.flatMap((r) => {
      const hp = r.ranges[name];
      return hp?.kind === 'choice' ? hp.values.map((v) => ({ round: r.round, value: valueText(v) })) : [];
    });
    return {
      title: name, width: 300, height: 16 * first.values.length, data: { values },
      mark: { type: 'square', size: 60, color: '#4c78a8' },
      encoding: { x: round, y: { field: 'value', type: 'nominal', sort: first.values.map(valueText), title: null } },
    };
  }
  const values = rounds.flatMap((r) => {
    const hp = r.ranges[name];
    return hp && hp.kind !== 'choice' ? [{ round: r.round, low: hp.low, high: hp.high }] : [];
  });
  return {
    title: name, width: 300, height: 110, data: { values },
    mark: { type: 'bar', color: '#4c78a8', opacity: 0.7 },
    encoding: {
      x: round,
      y: { field: 'low', type: 'quantitative', title: null, scale: isLog(first) ? { type: 'log', domain: [first.low, first.high] } : { domain: [first.low, first.high], zero: false } },
      y2: { field: 'high' },
    },
  };
}

/**
 * The narrowing as a chart: one panel per hyperparameter, its range in each round (x), so a study of many rounds reads at a
 * glance. Undefined for a study of no rounds.
 *
 * @example
 * const spec = rangesChart(report.rounds); // rendered as ranges.svg
 */
export function rangesChart(rounds: readonly Round[]): TopLevelSpec | undefined {
  const first = rounds[0];
  if (!first) return undefined;
  const panels = Object.keys(first.ranges).map((name) => panel(name, rounds));
  return { columns: 2, concat: panels, spacing: 24 } as unknown as TopLevelSpec;
}

/** What changed in a hyperparameter's range from one round to the next, in words, and the verdict the round's explanation gives. */
function change(name: string, before: Hyperparameter | undefined, after: Hyperparameter | undefined, round: Round): string | undefined {
  if (!before || !after || canonical(before) === canonical(after)) return undefined;
  const verdict = round.explanation?.[name]?.verdict;
  if (before.kind === 'choice' && after.kind === 'choice') {
    const kept = new Set(after.values.map(canonical));
    const dropped = before.values.filter((v) => !kept.has(canonical(v))).map(valueText);
    const added = after.values.filter((v) => !before.values.some((b) => canonical(b) === canonical(v))).map(valueText);
    return [dropped.length > 0 && `dropped ${dropped.join(', ')}`, added.length > 0 && `added ${added.join(', ')}`].filter(Boolean).join(', ');
  }
  if (before.kind === 'choice' || after.kind === 'choice') return `became ${rangeText(after)}`;
  const inside = after.low >= before.low && after.high <= before.high;
  return `${verdict === 'moved' || (verdict === undefined && !inside) ? 'moved' : 'narrowed'} to ${rangeText(after)}`;
}

/**
 * The decisions of a study of many rounds as a compact table: per hyperparameter, its first range, the rounds where it
 * changed and how, and its last range.
 *
 * @example
 * lines.push(...changesTable(report.rounds));
 */
export function changesTable(rounds: readonly Round[]): string[] {
  const first = rounds[0];
  const last = rounds.at(-1);
  if (!first || !last) return [];
  const rows = Object.keys(first.ranges).map((name) => {
    const changes = rounds.slice(1).flatMap((r, i) => {
      const text = change(name, rounds[i]!.ranges[name], r.ranges[name], r);
      return text ? [`round ${r.round}: ${text}`] : [];
    });
    return [name, rangeText(first.ranges[name]!), changes.length > 0 ? changes.join('; ') : 'unchanged', rangeText(last.ranges[name] ?? first.ranges[name]!)];
  });
  return [
    '![each hyperparameter\'s range in each round](ranges.svg)',
    '',
    `Per hyperparameter, its range in round ${first.round}, the rounds of the ${rounds.length} where it changed and how, and its range in round ${last.round}:`,
    '',
    table(['hyperparameter', `round ${first.round}`, 'changes', `round ${last.round}`], rows),
    '',
  ];
}
