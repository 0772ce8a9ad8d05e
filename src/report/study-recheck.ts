import { metricRegistry } from '../metrics/registry.ts';
import { escapeMarkdown, fixed, specText } from './format.ts';
import type { StudyReport } from './study-types.ts';
import { table } from './table.ts';

/** ρ with two decimals and a true minus sign. */
export const rhoText = (rho: number): string => `${rho < 0 ? '−' : ''}${fixed(Math.abs(rho), 2)}`;

/**
 * How the short trials ranked the rechecked configurations, as the rank correlation says:
 * ρ ≥ 0.7 much as full training did, 0.3 ≤ ρ < 0.7 only loosely, below that unlike it.
 *
 * @example
 * verdict(0.9); // 'much as full training did'
 */
export function verdict(rho: number): string {
  if (rho >= 0.7) return 'much as full training did';
  return rho >= 0.3 ? 'only loosely as full training did' : 'unlike full training';
}

/** The sentence the honesty check comes to, with its numbers. */
function recheckSentence(r: StudyReport): string {
  const rc = r.recheck!;
  const [few, full] = [rc.few ?? r.settings.epochs, rc.epochs];
  if (rc.spearman === null) return 'Fewer than three configurations retrained, or their scores all tied: there is no rank correlation to report.';
  const first = rc.configs.find((c) => c.fewRank === 1);
  return `Spearman's rank correlation between the ${few}-epoch and the ${full}-epoch scores of these ${rc.top} configurations is ` +
    `ρ = ${rhoText(rc.spearman)}: the short trials ranked them ${verdict(rc.spearman)}, and the ${few}-epoch best ` +
    `${first?.fullRank === 1 ? 'was also' : 'was not'} the best after ${full} epochs.`;
}

/**
 * The honesty check of step 2: the top configurations retrained for the full epochs, and the rank correlation.
 *
 * @example
 * lines.push(...recheckSection(report));
 */
export function recheckSection(r: StudyReport): string[] {
  const heading = '## Honesty check of step 2: few epochs against full training';
  if (!r.recheck) return [heading, '', 'Not run: the study ended before it.', ''];
  const rc = r.recheck;
  const few = rc.few ?? r.settings.epochs;
  const strategies = rc.configs.some((c) => c.strategy !== null);
  const failed = rc.configs.filter((c) => c.error !== null);
  const how = rc.few === undefined
    ? `The ${rc.top} best configurations by their ${few}-epoch score, each retrained with its trial's seed for ${rc.epochs} epochs on the same ` +
      `rows and scored by validation ${metricRegistry[r.settings.metric].title} after the last of them.`
    : `The ${rc.top} best configurations that trained all ${rc.epochs} epochs (the pruner's top rung is the check: they went on from where they ` +
      `stopped), by their best validation ${metricRegistry[r.settings.metric].title} over the first ${few} epochs and over all ${rc.epochs}; the final configuration is the best after all of them.`;
  return [
    heading,
    '',
    `${how} If short trials can be trusted, the two rankings agree.`,
    '',
    table(
      ['round', 'trial', ...(strategies ? ['strategy'] : []), `best of ${few} epochs`, 'rank', `after ${rc.epochs} epochs`, 'rank'],
      rc.configs.map((c) => [c.round, c.index, ...(strategies ? [c.strategy === null ? null : specText(c.strategy)] : []), fixed(c.fewScore), c.fewRank, fixed(c.fullScore), c.fullRank]),
    ),
    '',
    ...failed.map((c) => `- round ${c.round}, trial ${c.index} failed to retrain: ${escapeMarkdown(c.error!)}`),
    ...(failed.length > 0 ? [''] : []),
    recheckSentence(r),
    '',
  ];
}
