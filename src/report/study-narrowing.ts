import { z } from 'zod';
import type { HyperparameterNote, ValueNote } from '../search/narrowing-rules.ts';
import { canonical, type Json, type Space } from '../search/space.ts';
import { valueText } from './format.ts';
import { table } from './table.ts';

/** The sampler of a study as `study.json` records it. */
export interface SamplerRecord {
  name: string;
  options: Json;
}

/** A round's explanation of its ranges, per hyperparameter (narrowing; null for a sampler that gives none, and for round 1). */
export type RoundExplanation = Record<string, HyperparameterNote> | null;

const valueNote = z.object({
  value: z.json(), trials: z.number(), best: z.number(), verdict: z.enum(['kept', 'dropped']),
  why: z.enum(['among the best', 'untried', 'too few trials', 'none among the best']),
});
const explanationSchema = z.record(z.string(), z.object({
  trials: z.number(), best: z.number(), verdict: z.enum(['kept', 'narrowed', 'moved']), why: z.string(),
  range: z.looseObject({ kind: z.enum(['uniform', 'loguniform', 'int', 'choice']) }), values: z.array(valueNote).optional(),
}));

/**
 * A round's explanation as `study.json` holds it, read for the report: null when the round
 * has none (round 1, a sampler that gives none, a study made before explanations) or it is
 * not the narrowing sampler's shape.
 *
 * @example
 * explanationOf(study.rounds[1].explanation); // { lr: { trials: 20, best: 10, verdict: 'narrowed', … }, … }
 */
export function explanationOf(json: Json | undefined): RoundExplanation {
  const parsed = explanationSchema.safeParse(json);
  return parsed.success ? parsed.data as RoundExplanation : null;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const option = (options: Json, key: string): Json | undefined =>
  options !== null && typeof options === 'object' && !Array.isArray(options) ? (options as Record<string, Json>)[key] : undefined;

/**
 * One paragraph on how the study's rounds were planned, from the sampler `study.json` records.
 *
 * @example
 * samplerText({ name: 'random', options: {} }); // 'Sampler: random. Every round samples the whole space …'
 */
export function samplerText(sampler: SamplerRecord): string {
  const o = (key: string) => option(sampler.options, key);
  if (sampler.name === 'narrowing') {
    const inside = o('within') === 'random' ? 'uniformly at random' : 'by TPE fitted to the trials inside them';
    return `Sampler: narrowing. After each round the ranges narrow around the best trials so far, weighing the evidence. For each hyperparameter the ` +
      `complete trials that set it are ranked by score and the best ${percent(Number(o('top')))} of them (at least ${valueText(o('minTop') ?? null)}) count as the best. ` +
      `A choice drops a value only when at least ${valueText(o('minTried') ?? null)} trials used it and none of them is among the best; a value no trial tried stays. ` +
      `A numeric range becomes the span of the best values widened by ${percent(Number(o('margin')))} of its width on each side (in log scale for a log range); ` +
      'when the best sit at an edge it moves outward, never beyond the study\'s space; while every trial that set it counts as the best it keeps its width. ' +
      `Trials are drawn inside the ranges ${inside}.`;
  }
  const options = sampler.options;
  const entries = options !== null && typeof options === 'object' && !Array.isArray(options) ? Object.entries(options as Record<string, Json>) : [];
  const settings = entries.map(([k, v]) => `${k} ${valueText(v)}`).join(', ');
  const what = sampler.name === 'tpe'
    ? 'a tree-structured Parzen estimator (Bergstra et al. 2011) plans each round from the trials before it'
    : sampler.name === 'random' ? 'trials are drawn uniformly at random' : 'the sampler plans each round from the trials before it';
  return `Sampler: ${sampler.name}${settings ? ` (${settings})` : ''}. Every round samples the whole space; ${what}.`;
}

function hyperparameterCell(note: HyperparameterNote | undefined): string | null {
  if (!note) return null;
  if (note.trials === 0) return 'kept: no trial set it';
  const evidence = `best ${note.best} of ${note.trials}`;
  if (note.verdict === 'moved') return `moved outward: ${evidence}, at ${note.why.includes('both') ? 'both edges' : note.why.includes('low') ? 'its low edge' : 'its high edge'}`;
  if (note.verdict === 'kept' && note.values === undefined) return `kept: ${evidence}, nothing to compare`;
  return `${note.verdict}: ${evidence}`;
}

function valueCell(note: ValueNote | undefined): string | null {
  if (!note) return null;
  if (note.why === 'untried') return 'kept: untried';
  const among = `${note.best} of ${note.trials} trial${note.trials === 1 ? '' : 's'} among the best`;
  return note.why === 'too few trials' ? `kept: ${note.trials} trial, too few to judge` : `${note.verdict}: ${among}`;
}

/**
 * Why each round's ranges are what they are: per hyperparameter (and per value of a choice),
 * the trials it had, how many ranked among the best, and whether it was kept, dropped,
 * narrowed or moved. Empty when no round was explained.
 *
 * @example
 * lines.push(...explanationSection(space, rounds));
 */
export function explanationSection(space: Space, rounds: readonly { round: number; explanation: RoundExplanation }[]): string[] {
  // Loose on purpose: a report.json written before explanations were recorded has none at all.
  const explained = rounds.filter((r) => r.explanation != null);
  if (explained.length === 0) return [];
  const rows = Object.entries(space).flatMap(([name, hp]) => [
    [name, ...explained.map((r) => hyperparameterCell(r.explanation![name]))],
    ...(hp.kind === 'choice' ? hp.values.map((value) => [
      `${name} = ${valueText(value)}`,
      ...explained.map((r) => valueCell(r.explanation![name]?.values?.find((v) => canonical(v.value) === canonical(value)))),
    ]) : []),
  ]);
  return [
    'Why each round\'s ranges are what they are: the complete trials of the rounds before it that set each hyperparameter (or used each value), ' +
      'how many of them ranked among the best, and what that decided. A dash: a value dropped earlier.',
    '',
    table(['hyperparameter', ...explained.map((r) => `round ${r.round}`)], rows),
    '',
  ];
}
