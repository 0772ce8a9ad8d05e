import { metricRecord } from '../metrics/registry.ts';
import { escapeMarkdown, fixed, specText } from './format.ts';
import type { StudyReport } from './study-types.ts';
import { table } from './table.ts';

/** ρ with two decimals and a true minus sign. */
export const rhoText = (rho: number): string => `${rho < 0 ? '−' : ''}${fixed(Math.abs(rho), 2)}`;

// Two-sided 5% critical values of Spearman's ρ for n pairs (Zar 1972, exact for small n); none exists below 5.
const exactCritical: Record<number, number> = { 5: 1, 6: 0.886, 7: 0.786, 8: 0.738, 9: 0.7, 10: 0.648, 11: 0.618, 12: 0.587 };

/**
 * The |ρ| that `n` pairs must reach for Spearman's correlation to differ from none at the
 * two-sided 5% level: Zar's exact table up to 12 pairs, the normal approximation 1.96/√(n − 1)
 * beyond; null when no ρ can (fewer than 5 pairs).
 *
 * @example
 * spearmanCritical(5); // 1: with 5 configurations only a perfect ranking says anything
 */
export function spearmanCritical(n: number): number | null {
  if (n < 5) return null;
  return exactCritical[n] ?? Number((1.96 / Math.sqrt(n - 1)).toFixed(3));
}

/**
 * How the short trials ranked the rechecked configurations, as the rank correlation says, and
 * only as far as their number allows: a ρ within chance for `n` pairs (see `spearmanCritical`)
 * says nothing either way, however far from 1 it is; otherwise ρ ≥ 0.7 much as the longer
 * training did, a smaller positive ρ only loosely, a negative one against it.
 *
 * @example
 * verdict(0.9, 20, 9); // 'much as 9 epochs did'
 * verdict(-0.67, 5, 2); // 'in an order 5 configurations cannot tell from chance'
 */
export function verdict(rho: number, n: number, full: number): string {
  const critical = spearmanCritical(n);
  if (critical === null || Math.abs(rho) < critical) return `in an order ${n} configurations cannot tell from chance`;
  if (rho >= 0.7) return `much as ${full} epochs did`;
  return rho > 0 ? `only loosely as ${full} epochs did` : `against the order of ${full} epochs`;
}

/** The critical |ρ| in words, when ρ fell short of it: what the verdict rests on. */
export function criticalText(rho: number, n: number): string {
  const critical = spearmanCritical(n);
  if (critical !== null && Math.abs(rho) >= critical) return '';
  return critical === null ? '; fewer than 5 pairs can never reach the 5% level' : `; the 5% level needs |ρ| ≥ ${fixed(critical, 2)}`;
}

/** The sentence the honesty check comes to, with its numbers. */
function recheckSentence(r: StudyReport): string {
  const rc = r.recheck!;
  const [few, full] = [rc.few ?? r.settings.epochs, rc.epochs];
  if (rc.spearman === null) return 'Fewer than three configurations retrained, or their scores all tied: there is no rank correlation to report.';
  const first = rc.configs.find((c) => c.fewRank === 1);
  const pairs = rc.configs.filter((c) => c.fullScore !== null).length;
  return `Spearman's rank correlation between the ${few}-epoch and the ${full}-epoch scores of these ${rc.top} configurations is ` +
    `ρ = ${rhoText(rc.spearman)}${criticalText(rc.spearman, pairs)}: the short trials ranked them ${verdict(rc.spearman, pairs, full)}, and the ${few}-epoch best ` +
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
      `rows and scored by validation ${metricRecord(r.settings.metric).title} after the last of them.`
    : `The ${rc.top} best configurations that trained all ${rc.epochs} epochs (the pruner's top rung is the check: they went on from where they ` +
      `stopped), by their best validation ${metricRecord(r.settings.metric).title} over the first ${few} epochs and over all ${rc.epochs}; the final configuration is the best after all of them.`;
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
