import { metricRecord } from '../metrics/registry.ts';
import { escapeMarkdown, fixed } from './format.ts';
import type { StudyReport } from './study-types.ts';
import { table } from './table.ts';

/**
 * How a final model that averages networks came about: each network's seed, where its training
 * ended, its validation and test scores alone, and whether it joined; nothing for one network.
 *
 * @example
 * lines.push(...ensembleLines(report));
 */
export function ensembleLines(r: StudyReport): string[] {
  const ensemble = r.test?.ensemble;
  if (!ensemble) return [];
  const title = metricRecord(r.settings.metric).title;
  const kept = ensemble.members.filter((m) => m.kept);
  const alone = ensemble.members.map((m) => m.test);
  const least = alone.reduce((a, b) => Math.min(a, b), Infinity);
  const most = alone.reduce((a, b) => Math.max(a, b), -Infinity);
  const stopped = (m: (typeof ensemble.members)[number]) =>
    m.budgetEnded ? 'the budget' : m.trained === (m.cap ?? r.test!.epochs) ? 'its last epoch' : 'patience';
  const varied = ensemble.members.some((m) => m.cap !== undefined);
  const start = ensemble.start;
  const measured = start
    ? [`The trial's seed trained twice, from fresh weights and from the trial's checkpoint (where its last rung left it): validation ${title} ` +
      `${fixed(start.fresh)} against ${fixed(start.trial)}, so the networks after that started ${(metricRecord(r.settings.metric).direction === 'maximize' ? start.trial > start.fresh : start.trial < start.fresh) ? 'from the checkpoint' : 'fresh'}.`, '']
    : [];
  const extra = (m: (typeof ensemble.members)[number]) => (varied ? [m.cap ?? null, m.start === 'trial' ? 'trial\'s checkpoint' : 'fresh'] : []);
  return [
    `The final model averages the class probabilities of ${kept.length} of the ${ensemble.members.length} networks below: the ` +
      'chosen configuration retrained with its trial\'s seed and with seeds of their own. Best on validation first, a network ' +
      `joined only if the average's validation ${title} did not fall; the average's is ${fixed(ensemble.validation)}. Each network ` +
      `alone scored ${fixed(least)}–${fixed(most)} on the test split (arg-max); the test figures above are ` +
      'the average\'s. Averaging networks that differ only in their seed lowers the variance one training run leaves in its predictions.',
    '',
    ...measured,
    table(
      ['network', 'seed', ...(varied ? ['cap', 'started from'] : []), 'epochs trained', 'stopped at', 'epoch kept', `validation ${title}`, `test ${title} alone`, 'in the model'],
      ensemble.members.map((m, i) => [
        i + 1, escapeMarkdown(String(m.seed)), ...extra(m), m.trained, stopped(m), m.epoch, fixed(m.validation), fixed(m.test), m.kept ? 'yes' : 'no',
      ]),
      ['r', 'l', ...(varied ? ['r', 'l'] as const : []), 'r', 'l', 'r', 'r', 'r', 'l'],
    ),
    '',
  ];
}
