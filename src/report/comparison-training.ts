import type { Params, Space } from '../search/space.ts';
import { escapeMarkdown, fixed, specText, valueText } from './format.ts';
import { table } from './table.ts';

/** What the training sections of a comparison report read (a comparison report is one). */
export interface TrainingView {
  dataset: { sizes: { train: number } };
  budget: { by: 'steps' | 'epochs'; steps: number; epochs: number; settle?: number };
  search: { trials: number; rounds: number; perRound: number; metric: string; space: Space } | null;
  strategies: readonly {
    name: string; options: string; description: string; rows: number; loss: string; steps: number; lastEpochGain: number | null;
    curve: readonly unknown[]; searched?: { params: Params; score: number };
    settled?: { epoch: number; epochs: number; steps: number; capped: number };
  }[];
}

/** Each strategy's own search, when there was one: how it ran and what it chose. */
function searchSection(r: TrainingView): string[] {
  if (!r.search) return [];
  const names = Object.keys(r.search.space);
  return [
    '## Each strategy\'s own search',
    '',
    `Before its seeds ran, each strategy searched ${names.join(', ')} for itself: ${r.search.rounds} round${r.search.rounds === 1 ? '' : 's'} of ` +
      `${r.search.perRound} trials (${r.search.trials} in all), each trained as its seeds are and scored by validation ${r.search.metric}, ` +
      'the ranges narrowed between rounds; its seeds then trained with the configuration it chose.',
    '',
    table(['strategy', ...names, `validation ${r.search.metric}`],
      r.strategies.map((s) => [s.name, ...names.map((n) => (s.searched && Object.hasOwn(s.searched.params, n) ? valueText(s.searched.params[n]!) : '—')), fixed(s.searched?.score)]),
      ['l', ...names.map(() => 'r' as const), 'r']),
    '',
  ];
}

/** What every strategy got the same of, and what that meant for the strategies that resize the split. */
function budgetSentence(r: TrainingView): string {
  const b = r.budget;
  const unequal = new Set(r.strategies.map((s) => s.steps)).size > 1;
  if (b.settle !== undefined) {
    const cap = b.by === 'steps'
      ? `${b.steps} optimizer steps (the steps ${b.epochs} epochs take over the ${r.dataset.sizes.train} rows of the training split; \`--budget-by steps\`)`
      : `${b.epochs} epochs (\`--budget-by epochs\`: a strategy that enlarges the training split also takes more optimizer steps, so part of any difference below is extra training)`;
    return `Every strategy trains until its validation macro-F1 settles: it stops once ${b.settle} epochs in a row bring no better score, ` +
      `and keeps its best epoch's weights. All share one cap of ${cap}; the table says where each stopped (\`--no-settle\` trains every strategy for exactly its --epochs instead).`;
  }
  return b.by === 'steps'
    ? `Every strategy trains for the same ${b.steps} optimizer steps (\`--budget-by steps\`): the steps ${b.epochs} epochs take over the ` +
      `${r.dataset.sizes.train} rows of the training split, so a strategy that enlarges the split sees fewer epochs of it` +
      (unequal ? '; a strategy that trains several models (bagging) takes that many steps for each, summed in its row.' : '.')
    : `Every strategy trains for ${b.epochs} epochs (\`--budget-by epochs\`), so a strategy that enlarges the training split also takes ` +
      'more optimizer steps: part of any difference below is extra training.';
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${fixed(Math.abs(x))}`;

/** A warning when some strategy's validation accuracy was still rising when its budget ran out. */
function stillLearning(r: TrainingView): string[] {
  const rising = r.strategies.filter((s) => s.lastEpochGain !== null && s.lastEpochGain > 0.005);
  if (rising.length === 0) return [];
  return [
    `Validation accuracy was still rising over the last epoch for ${rising.map((s) => `${escapeMarkdown(s.name)} (${signed(s.lastEpochGain!)})`).join(', ')}: ` +
      `the budget stopped ${rising.length === 1 ? 'it before it' : 'them before they'} settled, so the results below compare strategies at this budget, not at convergence.`,
    '',
  ];
}

/**
 * The comparison report's account of how each strategy trained: its own search (with
 * `compare --search`), the budget every strategy shared, and each strategy's options written out,
 * its training rows, loss, epochs and optimizer steps.
 *
 * @example
 * const lines = trainingSections(report); // ['## Training budget', '', 'Every strategy trains for the same 65 optimizer steps …', …]
 */
export function trainingSections(r: TrainingView): string[] {
  return [
    ...searchSection(r),
    '## Training budget',
    '',
    budgetSentence(r),
    '',
    r.budget.settle === undefined
      ? table(
        ['strategy', 'options (defaults written out)', 'training rows', 'loss', 'epochs', 'optimizer steps', 'validation accuracy, last epoch'],
        r.strategies.map((s) => [s.name, specText(s.options), s.rows, s.loss, s.curve.length, fixed(s.steps, 0), s.lastEpochGain === null ? '—' : signed(s.lastEpochGain)]),
        ['l', 'l', 'r', 'l', 'r', 'r', 'r'],
      )
      : table(
        ['strategy', 'options (defaults written out)', 'training rows', 'loss', 'best epoch (kept)', 'epochs trained', 'optimizer steps', 'seeds stopped by the cap'],
        r.strategies.map((s) => [s.name, specText(s.options), s.rows, s.loss, fixed(s.settled?.epoch, 1), fixed(s.settled?.epochs, 1), fixed(s.steps, 0), s.settled?.capped ?? '—']),
        ['l', 'l', 'r', 'l', 'r', 'r', 'r', 'r'],
      ),
    '',
    ...stillLearning(r),
    ...r.strategies.map((s) => `- **${escapeMarkdown(s.name)}**: ${escapeMarkdown(s.description)}.`),
    '',
  ];
}
