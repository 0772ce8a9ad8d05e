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
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
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
  /** Small multiples: one panel per value of this field. */
  facet?: string;
  width?: number;
  height?: number;
}

/** Lines of y against x, one per series (and one panel per facet value). */
export function lineChart(values: readonly Row[], o: LineOptions): TopLevelSpec {
  const encoding = {
    x: { field: o.x, type: 'quantitative' as const, title: o.xTitle ?? o.x },
    y: { field: o.y, type: 'quantitative' as const, title: o.yTitle ?? o.y, ...(o.logY && { scale: { type: 'log' as const } }) },
    ...(o.series && { color: { field: o.series, type: 'nominal' as const, sort: null } }),
  };
  const layer = { mark: { type: 'line' as const, strokeWidth: 1.5 }, encoding, width: o.width ?? 420, height: o.height ?? 260 };
  // Panels in the order the data first names them, not alphabetically.
  const panels = o.facet ? [...new Set(values.map((v) => String(v[o.facet!])))] : [];
  return o.facet
    ? { data: { values: [...values] }, facet: { field: o.facet, type: 'nominal', sort: panels }, columns: 4, spec: layer, ...(o.title && { title: o.title }) }
    : { data: { values: [...values] }, ...layer, ...(o.title && { title: o.title }) };
}

export interface BarOptions {
  x: string;
  y: string;
  series?: string;
  title?: string;
  yTitle?: string;
}

/** Grouped bars of y for each category x (one bar per series within a group). */
export function barChart(values: readonly Row[], o: BarOptions): TopLevelSpec {
  return {
    data: { values: [...values] },
    mark: 'bar',
    width: 420,
    height: 240,
    ...(o.title && { title: o.title }),
    encoding: {
      x: { field: o.x, type: 'nominal', sort: null, title: o.x },
      y: { field: o.y, type: 'quantitative', title: o.yTitle ?? o.y },
      ...(o.series && { xOffset: { field: o.series, sort: null }, color: { field: o.series, type: 'nominal', sort: null } }),
    },
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
