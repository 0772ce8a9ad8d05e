// Charts: the server sends vega-lite specs built by the same functions as the markdown reports'
// charts; vega-embed renders them here, from the scripts the server takes out of node_modules.

const views = new Map();

/**
 * Draws `spec` into `container` (replacing what was drawn there before) and records how many
 * data rows it holds in `data-points`, so a reader (or a test) sees it grow.
 */
export async function draw(container, spec) {
  views.get(container)?.finalize();
  const embedded = await globalThis.vegaEmbed(container, spec, {
    // Always vega-lite: vega-embed would guess a spec without "$schema" (a generic concat) to be plain vega.
    mode: 'vega-lite',
    renderer: 'svg',
    // Vega's interpreter rather than compiled expressions: the page's policy forbids eval.
    ast: true,
    actions: { export: true, source: false, compiled: false, editor: false },
    // Hovering a mark shows its values (vega-tooltip writes them as text); the spec itself is the report's.
    config: { mark: { tooltip: true } },
  });
  views.set(container, embedded.view);
  container.dataset.points = String(spec.data?.values?.length ?? 0);
}
