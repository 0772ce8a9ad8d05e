import type { LabelMetrics } from './classification.ts';
import { parameterisedObjective } from './objectives.ts';

/** One metric a search can steer by and a report can show: the one place its name, value, direction and bounds are written. */
export interface MetricRecord {
  /** How reports name it. */
  title: string;
  /** Its value among a model's metrics (see `metricsOf`). */
  of(metrics: LabelMetrics): number;
  /** Which way it is better. */
  direction: 'maximize' | 'minimize';
  /** The least and the greatest value it can take (where an interval of it is clipped). */
  bounds: readonly [low: number, high: number];
}

const share = (title: string, of: (m: LabelMetrics) => number): MetricRecord => ({ title, of, direction: 'maximize', bounds: [0, 1] });

/**
 * The metrics by name, in the order help texts list them. Adding a metric is adding a record.
 *
 * @example
 * metricRegistry.macroF1.of(evaluate(model, validation)); // 0.87
 */
export const metricRegistry = {
  accuracy: share('accuracy', (m) => m.accuracy),
  macroF1: share('macro-F1', (m) => m.macroF1),
  balancedAccuracy: share('balanced accuracy', (m) => m.balancedAccuracy),
  gmean: share('G-mean', (m) => m.gmean),
  // Macro one-vs-rest average precision over the classes present; 0 where no class has one (no probabilities).
  prAuc: share('PR-AUC', (m) => m.prAuc ?? 0),
  // Matthews correlation, multi-class form: 0 for chance (and where undefined), 1 for perfect, down to −1.
  mcc: { title: 'MCC', of: (m: LabelMetrics) => m.mcc, direction: 'maximize', bounds: [-1, 1] },
} satisfies Record<string, MetricRecord>;

/** A metric without an argument, a key of the registry. */
export type RegisteredMetric = keyof typeof metricRegistry;

/** A metric `--metric` takes: a registered one, or `f1:CLASS`, `recall:CLASS`, `fbeta:B` (see `parameterisedObjective`). */
export type MetricName = RegisteredMetric | `f1:${string}` | `recall:${string}` | `fbeta:${string}`;

/**
 * The registered metrics' names, as a non-empty list; the forms with an argument follow them in help texts.
 *
 * @example
 * metricNames.includes('macroF1'); // true
 */
export const metricNames = Object.keys(metricRegistry) as [RegisteredMetric, ...RegisteredMetric[]];

/** The forms with an argument, for help texts and errors. */
export const metricForms = ['f1:CLASS', 'recall:CLASS', 'fbeta:B'] as const;

/**
 * The record of a metric name, registered or with an argument; throws a RangeError naming
 * the allowed names for anything else.
 *
 * @example
 * metricRecord('fbeta:2').of(metrics);
 */
export function metricRecord(name: string): MetricRecord {
  if (Object.hasOwn(metricRegistry, name)) return metricRegistry[name as RegisteredMetric];
  const record = parameterisedObjective(name);
  if (!record) throw new RangeError(`unknown metric "${name}"; expected one of ${[...metricNames, ...metricForms].join(', ')}`);
  return record;
}

/**
 * Whether `name` is a metric `--metric` takes (a registered one, or a well-formed one with an argument).
 *
 * @example
 * isMetricName('gmean'); // true
 * isMetricName('fbeta:0'); // false
 */
export function isMetricName(name: string): name is MetricName {
  try {
    metricRecord(name);
    return true;
  } catch {
    return false;
  }
}
