import type { Metrics } from './classification.ts';

/** One metric a search can steer by and a report can show: the one place its name, value, direction and bounds are written. */
export interface MetricRecord {
  /** How reports name it. */
  title: string;
  /** Its value among a model's metrics (see `metricsOf`). */
  of(metrics: Metrics): number;
  /** Which way it is better. */
  direction: 'maximize' | 'minimize';
  /** The least and the greatest value it can take (where an interval of it is clipped). */
  bounds: readonly [low: number, high: number];
}

const share = (title: string, of: (m: Metrics) => number): MetricRecord => ({ title, of, direction: 'maximize', bounds: [0, 1] });

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
} satisfies Record<string, MetricRecord>;

export type MetricName = keyof typeof metricRegistry;

/** The metrics' names, as a non-empty list (what zod's `enum` takes). */
export const metricNames = Object.keys(metricRegistry) as [MetricName, ...MetricName[]];

/**
 * Whether `name` is a registered metric.
 *
 * @example
 * isMetricName('gmean'); // true
 */
export const isMetricName = (name: string): name is MetricName => Object.hasOwn(metricRegistry, name);
