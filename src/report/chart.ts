import type { TopLevelSpec } from 'vega-lite';

// Charts are vega-lite specifications rendered to SVG by vega's headless view: no browser
// and no canvas, and the same data always gives the same bytes.

const theme = { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } } as const;

/**
 * Renders a vega-lite specification to an SVG document.
 *
 * @example
 * const svg = await renderSvg(lineChart(points, { x: 'step', y: 'loss', series: 'optimizer' }));
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: vega is large, and training never draws.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const { spec: compiled } = compile({ ...spec, config: { ...theme, ...spec.config } } as TopLevelSpec);
  // vega logs what it cannot draw (a log scale over subnormal values, say) with the error's stack
  // and draws the rest: one line here instead, as every message of the tool is.
  const logger = vega.logger(vega.Error, undefined, (_method, _level, input: unknown[]) => {
    const text = input.map((x) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x))).join(' ');
    process.stderr.write(`skewtune: warning: a chart was drawn without some of its parts (${text.replace(/\s+/g, ' ').trim()})\n`);
  });
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders each named specification to SVG.
 *
 * @example
 * const svgs = await renderCharts({ 'loss.svg': lineChart(points, { x: 'step', y: 'loss' }) }); // { 'loss.svg': '<svg …' }
 */
export async function renderCharts(specs: Record<string, TopLevelSpec>): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(Object.entries(specs).map(async ([name, spec]) => [name, await renderSvg(spec)] as const)));
}

type Row = Record<string, string | number | null>;

export interface LineOptions {
  x: string;
  y: string;
  series?: string;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logY?: boolean;
  /** x on a log scale (counts of updates that differ by orders of magnitude). */
  logX?: boolean;
  /** Mark each point too (curves of a few points, which a bare line hides). */
  points?: boolean;
  /** Label x at whole numbers only (epochs, say). */
  integerX?: boolean;
  /** Small multiples: one panel per value of this field. */
  facet?: string;
  /** One line per value of this field, without a legend of its own (many trials, coloured by their round). */
  detail?: string;
  /** Give each panel its own y scale (panels of different quantities, such as losses of different kinds). */
  independentY?: boolean;
  width?: number;
  height?: number;
}

/** Lines of y against x, one per series (and one panel per facet value). */
export function lineChart(values: readonly Row[], o: LineOptions): TopLevelSpec {
  const encoding = {
    x: {
      field: o.x, type: 'quantitative' as const, title: o.xTitle ?? o.x,
      ...(o.integerX && { axis: { format: 'd', tickMinStep: 1 } }), ...(o.logX && { scale: { type: 'log' as const } }),
    },
    y: { field: o.y, type: 'quantitative' as const, title: o.yTitle ?? o.y, ...(o.logY && { scale: { type: 'log' as const } }) },
    ...(o.series && { color: { field: o.series, type: 'nominal' as const, sort: null } }),
    ...(o.detail && { detail: { field: o.detail, type: 'nominal' as const } }),
  };
  const layer = { mark: { type: 'line' as const, strokeWidth: 1.5, ...(o.points && { point: true }) }, encoding, width: o.width ?? 420, height: o.height ?? 260 };
  // Panels in the order the data first names them, not alphabetically.
  const panels = o.facet ? [...new Set(values.map((v) => String(v[o.facet!])))] : [];
  return o.facet
    ? {
      data: { values: [...values] }, facet: { field: o.facet, type: 'nominal', sort: panels, title: null }, columns: 4, spec: layer,
      ...(o.independentY && { resolve: { scale: { y: 'independent' } } }), ...(o.title && { title: o.title }),
    }
    : { data: { values: [...values] }, ...layer, ...(o.title && { title: o.title }) };
}

export interface BarOptions {
  x: string;
  y: string;
  /** The fields holding each bar's interval: every bar chart draws its error bars. */
  low: string;
  high: string;
  series?: string;
  title?: string;
  yTitle?: string;
  /** The y axis's span, e.g. a metric's range [0, 1]; the data's otherwise. */
  domain?: readonly [number, number];
}

/**
 * Grouped bars of y for each category x (one bar per series within a group), each with an
 * error bar from its `low` to its `high`.
 *
 * @example
 * barChart(rows, { x: 'metric', y: 'mean', low: 'low', high: 'high', series: 'strategy', domain: [0, 1] });
 */
export function barChart(values: readonly Row[], o: BarOptions): TopLevelSpec {
  const y = { type: 'quantitative' as const, title: o.yTitle ?? o.y, ...(o.domain && { scale: { domain: [...o.domain] } }) };
  return {
    data: { values: [...values] },
    width: 420,
    height: 240,
    ...(o.title && { title: o.title }),
    encoding: {
      x: { field: o.x, type: 'nominal', sort: null, title: o.x },
      ...(o.series && { xOffset: { field: o.series, sort: null } }),
    },
    layer: [
      {
        mark: 'bar',
        encoding: { y: { field: o.y, ...y }, ...(o.series && { color: { field: o.series, type: 'nominal', sort: null } }) },
      },
      { mark: { type: 'errorbar', ticks: true }, encoding: { y: { field: o.low, ...y }, y2: { field: o.high } } },
    ],
  };
}

export interface ScatterOptions {
  /** The field that names each point's panel, … */
  panel: string;
  /** … and the panels in order, each with its x axis on a log scale or not. */
  panels: readonly { name: string; log: boolean }[];
  x: string;
  y: string;
  /** An ordinal field that colours the points (a round, say). */
  color?: string;
  yTitle?: string;
  title?: string;
}

/**
 * Small multiples of y against x, one panel per value of `panel`, three to a row. Each panel has
 * its own x scale (logarithmic where its hyperparameter is sampled so); y and colour are shared.
 *
 * @example
 * scatterGrid(rows, { panel: 'parameter', panels: [{ name: 'lr', log: true }], x: 'value', y: 'score', color: 'round' });
 */
export function scatterGrid(values: readonly Row[], o: ScatterOptions): TopLevelSpec {
  return {
    data: { values: [...values] },
    ...(o.title && { title: o.title }),
    columns: 3,
    concat: o.panels.map((p) => ({
      width: 200,
      height: 150,
      transform: [{ filter: { field: o.panel, equal: p.name } }],
      mark: { type: 'point', filled: true, size: 36, opacity: 0.8 },
      encoding: {
        x: p.log
          ? { field: o.x, type: 'quantitative', title: p.name, scale: { type: 'log' }, axis: { format: '~e' } }
          : { field: o.x, type: 'quantitative', title: p.name, scale: { zero: false } },
        y: { field: o.y, type: 'quantitative', title: o.yTitle ?? o.y, scale: { zero: false } },
        // Distinct hues rather than shades of one: rounds must be told apart at a glance.
        ...(o.color && { color: { field: o.color, type: 'ordinal', title: o.color, scale: { scheme: 'category10' } } }),
      },
    })),
    resolve: { scale: { y: 'shared', color: 'shared' } },
  };
}

export interface HistogramOptions {
  /** One row of panels per value of this field … */
  row: string;
  /** … and one column per value of this field. */
  column: string;
  title?: string;
  xTitle?: string;
}

/**
 * A grid of histograms from rows already binned as { start, end, count } (binning the raw
 * values first keeps the data, and the SVG, small).
 */
export function histogramGrid(values: readonly Row[], o: HistogramOptions): TopLevelSpec {
  const order = (field: string) => [...new Set(values.map((v) => String(v[field])))];
  return {
    data: { values: [...values] },
    ...(o.title && { title: o.title }),
    facet: { row: { field: o.row, type: 'nominal', sort: order(o.row) }, column: { field: o.column, type: 'nominal', sort: order(o.column) } },
    spec: {
      width: 110,
      height: 70,
      mark: 'rect',
      encoding: {
        x: { field: 'start', type: 'quantitative', title: o.xTitle ?? null },
        x2: { field: 'end' },
        y: { field: 'count', type: 'quantitative', title: null },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Counts of `values` in `bins` equal bins over [low, high] (values outside are clamped in). */
export function binCounts(values: ArrayLike<number>, low: number, high: number, bins: number): { start: number; end: number; count: number }[] {
  const width = (high - low) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i]! - low) / width)));
    counts[b]!++;
  }
  return counts.map((count, b) => ({ start: low + b * width, end: low + (b + 1) * width, count }));
}
