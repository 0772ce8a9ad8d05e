import type { Metrics } from '../metrics/classification.ts';
import { describeRange, short } from './describe.ts';
import type { RoundRanges } from './events.ts';
import type { CompleteTrial, TrialRecord } from './trial.ts';

export interface StudySummary {
  /** The dataset spec or another name for what was tuned. */
  title: string;
  metric: string;
  best: CompleteTrial | undefined;
  trials: readonly TrialRecord[];
  rounds: readonly RoundRanges[];
  /** The best configuration's test metrics after its final retraining, if there was one. */
  test?: Metrics;
  finalEpochs?: number;
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/**
 * The study directory's `README.md`: the best trial, its test result, the ranges of each
 * round and the count of failures. (The full report, with charts, is the report command's.)
 *
 * @example
 * writeFileSync(join(dir, 'README.md'), studyReadme({ title: 'mnist', metric: 'accuracy', best, trials, rounds }));
 */
export function studyReadme(s: StudySummary): string {
  const failed = s.trials.filter((t) => t.status === 'failed');
  const names = Object.keys(s.rounds[0]?.ranges ?? {});
  const lines = [
    `# Search on ${s.title}`,
    '',
    `${s.trials.length} trials in ${s.rounds.length} rounds, ${failed.length} failed. A trial's score is its best epoch's ` +
      `validation ${s.metric} (the last epoch's is recorded as \`last\` in trials.jsonl).`,
    '',
  ];
  if (s.best) {
    lines.push(
      `## Best trial: round ${s.best.round}, index ${s.best.index}`,
      '',
      `Validation ${s.metric} ${short(s.best.score)} (last epoch ${short(s.best.last)}), seed ${s.best.seed}.`,
      '',
      row(['parameter', 'value']),
      row(['---', '---']),
      ...Object.entries(s.best.params).map(([name, v]) => row([name, `\`${JSON.stringify(v)}\``])),
      '',
    );
  } else {
    lines.push('No trial completed.', '');
  }
  if (s.test) {
    lines.push(
      `## Test split (best configuration retrained for ${s.finalEpochs} epochs)`,
      '',
      `accuracy ${short(s.test.accuracy)}, balanced accuracy ${short(s.test.balancedAccuracy)}, macro-F1 ${short(s.test.macroF1)}, G-mean ${short(s.test.gmean)}`,
      '',
    );
  }
  lines.push(
    '## Ranges of each round',
    '',
    row(['round', ...names]),
    row(['---', ...names.map(() => '---')]),
    ...s.rounds.map((r) => row([String(r.round), ...names.map((n) => (r.ranges[n] ? describeRange(r.ranges[n]) : '')).map((t) => t.replaceAll('|', '\\|'))])),
    '',
  );
  if (failed.length > 0) {
    lines.push('## Failed trials', '', ...failed.map((t) => `- round ${t.round}, index ${t.index}: ${t.error}`), '');
  }
  return lines.join('\n');
}
