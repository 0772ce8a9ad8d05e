import { draw } from './charts.js';
import { el, fill, getJson, sortableTable } from './dom.js';

/** A comparison: the report's findings and tables as text (sortable by any column), its charts interactive (tooltips, export). */
export async function comparisonPage(main, id) {
  const page = await getJson(`/api/comparison/${encodeURIComponent(id)}`);
  const boxes = Object.fromEntries(Object.keys(page.charts).map((name) => [name, el('div', { class: 'chart', id: `chart-${name}` })]));
  fill(main, el('h1', {}, page.title),
    page.findings.length > 0 && el('section', {}, el('h2', {}, 'Findings'), el('ul', {}, page.findings.map((f) => el('li', {}, f)))),
    el('div', { class: 'charts' }, Object.values(boxes)),
    page.tables.map((t) => el('section', {}, el('h2', {}, t.title), sortableTable(t.header, t.rows))));
  for (const [name, box] of Object.entries(boxes)) await draw(box, page.charts[name]);
  main.dataset.state = 'ready';
}
