import { duration, el, fill, getJson, when } from './dom.js';

const order = ['complete', 'failed', 'pruned'];

/** The counts cell: complete / failed / pruned first, then any other status the journal names. */
function counts(row) {
  const c = row.counts;
  if (row.kind === 'comparison') return `${c.strategies} strategies × ${c.seeds} seeds`;
  if (row.kind === 'database') return Object.entries(c).map(([k, n]) => `${n} ${k}`).join(', ') || 'no trial jobs';
  const others = Object.keys(c).filter((k) => k !== 'total' && !order.includes(k)).sort();
  return [`${c.total ?? 0} trials`, ...order.filter((k) => c[k]).map((k) => `${c[k]} ${k}`), ...others.map((k) => `${c[k]} ${k}`)].join(', ');
}

function link(row) {
  if (row.kind === 'study') return el('a', { href: `/study/${encodeURIComponent(row.id)}` }, row.id);
  if (row.kind === 'comparison') return el('a', { href: `/comparison/${encodeURIComponent(row.id)}` }, row.id);
  return row.id;
}

/** The list of studies and comparisons, refreshed every two seconds. */
export async function listPage(main) {
  const body = el('tbody');
  fill(main, el('h1', {}, 'Studies and comparisons'),
    el('table', { id: 'entries' },
      el('thead', {}, el('tr', {}, ['name', 'kind', 'state', 'best', 'trials', 'started', 'elapsed'].map((h) => el('th', {}, h)))),
      body));
  const refresh = async () => {
    const rows = await getJson('/api/entries');
    fill(body, rows.length === 0
      ? el('tr', {}, el('td', { colspan: 7, class: 'note' }, 'No study or comparison found yet.'))
      : rows.map((row) => el('tr', { 'data-id': row.id },
        el('td', {}, link(row)), el('td', {}, row.kind), el('td', { class: `state-${row.state}` }, row.state),
        el('td', {}, row.best ?? '—'), el('td', {}, counts(row)), el('td', {}, when(row.started)), el('td', {}, duration(row.elapsed)))));
    main.dataset.state = 'ready';
  };
  await refresh();
  setInterval(() => refresh().catch((error) => console.warn(`list refresh: ${error.message}`)), 2000);
}
