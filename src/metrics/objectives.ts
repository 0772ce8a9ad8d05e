import { InputError } from '../errors.ts';
import type { LabelMetrics } from './classification.ts';

/** A metric computed from a model's metrics: its name as `--metric` takes it, title, direction and bounds. */
export interface MetricObjective {
  title: string;
  of(metrics: LabelMetrics): number;
  direction: 'maximize' | 'minimize';
  bounds: readonly [low: number, high: number];
}

/**
 * F-beta of one class from its precision and recall: (1 + β²)·P·R / (β²·P + R). A class never
 * predicted (precision null) or never found scores 0; absent from the truth (recall null), null.
 */
export function fBeta(precision: number | null, recall: number | null, beta: number): number | null {
  if (recall === null) return null;
  if (precision === null || precision + recall === 0) return 0;
  const b2 = beta * beta;
  return ((1 + b2) * precision * recall) / (b2 * precision + recall);
}

/**
 * Macro F-beta over the classes present in the truth, as macro-F1 averages (β = 1 is macro-F1;
 * β > 1 weighs recall more, which suits a minority that must be found).
 *
 * @example
 * macroFBeta(metrics, 2);
 */
export function macroFBeta(metrics: LabelMetrics, beta: number): number {
  const scores = metrics.perClass.map((c) => fBeta(c.precision, c.recall, beta)).filter((s): s is number => s !== null);
  return scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
}

const share = (title: string, of: (m: LabelMetrics) => number): MetricObjective => ({ title, of, direction: 'maximize', bounds: [0, 1] });

function classOf(metrics: LabelMetrics, name: string) {
  return metrics.perClass.find((c) => c.class === name);
}

/**
 * The objectives with an argument: `f1:CLASS`, `recall:CLASS` (one class's F1 or recall; 0 when
 * the class is absent from the split scored, so a trial is never rewarded for a split without
 * it) and `fbeta:B` (macro F-beta, B > 0). Returns undefined for any other form, and throws a
 * RangeError for a bad argument.
 *
 * @example
 * parameterisedObjective('recall:fraud')!.of(metrics);
 */
export function parameterisedObjective(spec: string): MetricObjective | undefined {
  const match = /^(f1|recall|fbeta):(.*)$/.exec(spec);
  if (!match) return undefined;
  const [, kind, argument] = match as unknown as [string, 'f1' | 'recall' | 'fbeta', string];
  if (argument === '') throw new RangeError(`--metric ${spec}: ${kind} needs an argument (${kind === 'fbeta' ? 'fbeta:B with B > 0' : `${kind}:CLASS`})`);
  if (kind === 'fbeta') {
    const beta = Number(argument);
    if (!(Number.isFinite(beta) && beta > 0)) throw new RangeError(`--metric ${spec}: fbeta:B needs a number B > 0, got "${argument}"`);
    return share(`macro-F${argument}`, (m) => macroFBeta(m, beta));
  }
  const read = kind === 'f1' ? (c: LabelMetrics['perClass'][number]) => c.f1 : (c: LabelMetrics['perClass'][number]) => c.recall;
  return share(`${kind === 'f1' ? 'F1' : 'recall'} of ${argument}`, (m) => {
    const c = classOf(m, argument);
    return c ? (read(c) ?? 0) : 0;
  });
}

/** The class a per-class objective names, to check against a dataset's classes; undefined for others. */
export function objectiveClass(spec: string): string | undefined {
  return /^(f1|recall):(.+)$/.exec(spec)?.[2];
}

/**
 * Refuses a per-class objective naming a class the dataset lacks, as bad input.
 *
 * @example
 * checkObjectiveClass('recall:fraud', splits.train.classNames, 'csv:data.csv');
 */
export function checkObjectiveClass(spec: string, classes: readonly string[], dataset: string): void {
  const named = objectiveClass(spec);
  if (named !== undefined && !classes.includes(named)) {
    throw new InputError(`--metric ${spec}: ${dataset} has no class "${named}" (classes: ${classes.join(', ')})`);
  }
}
